package dev.arrears.casework;

import dev.arrears.arrangement.PlanView;
import dev.arrears.contact.ContactViews.TimelineEntry;
import dev.arrears.shared.Channel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account timeline's details written from the sources' facts in each language, through the real bundles: the
 * application's words are translated, what people typed and providers said stays, and a line without facts keeps
 * the source's English.
 */
class AccountTimelineDetailsTest {

    private static final ResourceBundleMessageSource BUNDLES = new ResourceBundleMessageSource();

    static {
        BUNDLES.setBasename("messages");
        BUNDLES.setDefaultEncoding("UTF-8");
        BUNDLES.setFallbackToSystemLocale(false);
    }

    private static AccountTimeline.Texts in(String language) {
        Locale locale = Locale.forLanguageTag(language);
        return (key, args) -> BUNDLES.getMessage(key, args, key, locale);
    }

    private static TimelineEntry contact(String kind, String english, String... args) {
        return new TimelineEntry(Instant.parse("2026-11-23T04:00:00Z"), kind, Channel.SMS, "S", english, "job:1",
                List.of(args));
    }

    static Stream<Arguments> contactLines() {
        return Stream.of(
                Arguments.of(contact("ATTEMPT", "outbound to +8613912340000", "outbound", "+8613912340000"),
                        "outbound to +8613912340000", "发往 +8613912340000", "發往 +8613912340000"),
                Arguments.of(contact("OUTCOME", "result PROMISE: payday", "PROMISE", "payday"),
                        "result: Promise to pay: payday", "结果：承诺还款：payday", "結果：承諾還款：payday"),
                Arguments.of(contact("OUTCOME", "no answer", "", "rang out"), "rang out", "rang out", "rang out"),
                Arguments.of(contact("RECEIPT", "provider id 7: ok", "7", "ok"),
                        "provider id 7: ok", "服务商编号 7：ok", "服務商編號 7：ok"),
                Arguments.of(contact("LETTER", "letter 5 (1 page) posted in batch 3", "5", "1", "3"),
                        "letter 5 (1 page) posted in batch 3", "信件 5（1 页），随批次 3 寄出",
                        "信件 5（1 頁），隨批次 3 寄出"),
                Arguments.of(contact("LETTER", "letter 5 (2 pages) posted in batch 3", "5", "2", "3"),
                        "letter 5 (2 pages) posted in batch 3", "信件 5（2 页），随批次 3 寄出",
                        "信件 5（2 頁），隨批次 3 寄出"),
                Arguments.of(contact("DISPATCH", "hold: promise to pay active", "promiseHold", ""),
                        "held: a promise to pay is active", "暂缓：有有效的还款承诺", "暫緩：有有效的還款承諾"),
                Arguments.of(contact("DISPATCH", "no EMAIL contact point", "noAddress", "EMAIL"),
                        "no EMAIL contact point", "没有 EMAIL 联系方式", "沒有 EMAIL 聯絡方式"),
                Arguments.of(contact("DISPATCH", "SMSC said no"), "SMSC said no", "SMSC said no", "SMSC said no"),
                Arguments.of(contact("PAYMENT", "ALIPAY ref-1", "ALIPAY", "ref-1"),
                        "Alipay ref-1", "支付宝 ref-1", "支付寶 ref-1"),
                Arguments.of(contact("VERDICT", "verdict 9 (CN-NIFA v2, COLLECTION), not before …: QuietHours (§4)",
                                "9", "CN-NIFA", "2", "COLLECTION", "2026-11-23T12:00:00Z", "QuietHours (§4)"),
                        "verdict 9 (CN-NIFA v2, COLLECTION), not before 2026-11-23T12:00:00Z: QuietHours (§4)",
                        "裁定 9（CN-NIFA 第 2 版，COLLECTION），不早于 2026-11-23T12:00:00Z：QuietHours (§4)",
                        "裁定 9（CN-NIFA 第 2 版，COLLECTION），不早於 2026-11-23T12:00:00Z：QuietHours (§4)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("contactLines")
    void contactLine_isWrittenInEachLanguage(TimelineEntry entry, String en, String zhCn, String zhTw) {
        assertThat(AccountTimeline.contactDetail(entry, in("en"))).isEqualTo(en);
        assertThat(AccountTimeline.contactDetail(entry, in("zh-CN"))).isEqualTo(zhCn);
        assertThat(AccountTimeline.contactDetail(entry, in("zh-TW"))).isEqualTo(zhTw);
    }

    private static dev.arrears.cycle.CaseViews.TimelineEntry caseLine(String kind, String english, String... args) {
        return new dev.arrears.cycle.CaseViews.TimelineEntry(LocalDate.of(2026, 11, 23), kind, english, null,
                List.of(args));
    }

    static Stream<Arguments> caseLines() {
        return Stream.of(
                Arguments.of(caseLine("OPENED", "strategy t, segment s, variant champion", "t", "s", "champion"),
                        "strategy t, segment s, variant champion", "策略 t，分群 s，方案 champion"),
                Arguments.of(caseLine("STEP_PLANNED", "step 2: SMS reminder", "2", "SMS", "reminder"),
                        "step 2: SMS reminder", "第 2 步：SMS reminder"),
                Arguments.of(caseLine("PROMISE_TAKEN", "promise active = true", "promise_active", "true"),
                        "promise to pay taken: the ladder waits", "已记录还款承诺：催收阶梯等待"),
                Arguments.of(caseLine("PAUSED", "stopWhen holds"),
                        "paused: the stop condition of the strategy holds", "暂停：策略的停止条件成立"),
                Arguments.of(caseLine("SEGMENT_CHANGED", "small → large"), "small → large", "small → large"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("caseLines")
    void caseLine_isWrittenInEachLanguage(dev.arrears.cycle.CaseViews.TimelineEntry entry, String en, String zhCn) {
        assertThat(AccountTimeline.caseDetail(entry, in("en"))).isEqualTo(en);
        assertThat(AccountTimeline.caseDetail(entry, in("zh-CN"))).isEqualTo(zhCn);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("planLines")
    void planLine_saysWhatAPartialPlanCovers(String language, long covered, long balance, String expected) {
        PlanView plan = new PlanView(4, 7, 70, "CNY", covered, 20_000, 0, 3, "MONTHLY", 3, "ACTIVE", "agent-4",
                Instant.parse("2026-11-23T04:00:00Z"), LocalDate.of(2026, 11, 23), 0, null, null, List.of(), balance);
        assertThat(AccountTimeline.planDetail(plan, in(language))).isEqualTo(expected);
    }

    static Stream<Arguments> planLines() {
        return Stream.of(
                Arguments.of("en", 300_000, 300_000, "3 × monthly · agent-4"),
                Arguments.of("en", 200_000, 300_000,
                        "3 × monthly · agent-4 · covers 2000.00 CNY of the 3000.00 CNY owed when it was made"),
                Arguments.of("zh-CN", 200_000, 300_000, "3 期 × 每月 · agent-4 · 覆盖2000.00 CNY（建立时欠款3000.00 CNY）"),
                Arguments.of("zh-TW", 200_000, 300_000, "3 期 × 每月 · agent-4 · 涵蓋2000.00 CNY（建立時欠款3000.00 CNY）"));
    }
}
