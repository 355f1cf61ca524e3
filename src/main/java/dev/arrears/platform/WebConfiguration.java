package dev.arrears.platform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

import java.time.Duration;

/**
 * The pages' language and navigation: {@code ?lang=zh-TW} (or zh-CN, en) switches the language and keeps it in the
 * cookie {@code arrears-lang} for a year; without the cookie the browser's Accept-Language decides. Every rendered
 * page gets the navigation of its user's roles ({@link Navigation}).
 *
 * <p>Static files are served from three places only: {@code /css/**} and {@code /js/**} from {@code static/}, and
 * {@code /webjars/**} (htmx, Chart.js; versionless URLs resolved by webjars-locator-lite). Spring Boot's default
 * mapping of {@code /**} to four classpath folders is off ({@code spring.web.resources.add-mappings=false}): with it,
 * every link a page renders ({@code @{/accounts/{id}}}, fifty on the account list) went through the resource chain,
 * which looked for a file of that name in each folder of the jar, uncached because none is there
 * (spring-framework#34014): most of a list page's rendering time.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class WebConfiguration implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("arrears-lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/");
        registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/");
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true).addResolver(new LiteWebJarsResourceResolver());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor lang = new LocaleChangeInterceptor();
        lang.setParamName("lang");
        lang.setIgnoreInvalidLocale(true);
        registry.addInterceptor(lang).excludePathPatterns("/api/**");
        registry.addInterceptor(new Navigation()).excludePathPatterns("/api/**");
    }
}
