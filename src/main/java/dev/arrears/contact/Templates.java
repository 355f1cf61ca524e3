package dev.arrears.contact;

import dev.arrears.contact.template.CompiledTemplate;
import dev.arrears.contact.template.Field;
import dev.arrears.contact.template.Locales;
import dev.arrears.contact.template.Samples;
import dev.arrears.contact.template.TemplateCheck;
import dev.arrears.contact.template.persistence.TemplateStore;
import dev.arrears.contact.template.persistence.TemplateStore.TemplateRow;
import dev.arrears.contact.template.persistence.TemplateStore.VersionRow;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.ledger.Views.BillView;
import dev.arrears.shared.BadParameterException;
import dev.arrears.shared.Channel;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidDocumentException;
import dev.arrears.shared.NotFoundException;
import dev.arrears.shared.PersonalDataRead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The templates' façade: stores versions of a template (a name and a channel, written in zh-CN, zh-TW and en) after
 * validating them, activates one version per template, and renders the active version for a {@link RenderContext}.
 * Versions are compiled once and cached by id (a version never changes); which version is active is read from the
 * database at most once a second per template (at once after an activation on this node), so an activation on
 * another node takes effect within a second. Writes to one template are serialised by a database lock, and every
 * creation and activation publishes {@link TemplateChanged} inside its transaction.
 */
@Service
public class Templates {

    private static final Logger log = LoggerFactory.getLogger(Templates.class);

    /** Who stored and activated the shipped templates. */
    public static final String SYSTEM = "arrears";
    /** The template of the collector's script for call tasks (ladder steps name none). */
    public static final String CALL_SCRIPT = "call_script";
    /** The letter template of the bill, line by line, attached as a PDF to e-mails whose template asks for it. */
    public static final String BILL = "bill";
    /** How long a read of a template's active version is trusted, in nanoseconds. */
    private static final long ACTIVE_TTL_NANOS = 1_000_000_000L;

    private final TemplateStore store;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Portal portal;
    private final Ledger ledger;
    private final Environment environment;
    private final Clock clock;
    private final Map<Long, CompiledTemplate> compiled = new ConcurrentHashMap<>();
    private final Map<Key, Active> active = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> attachBill = new ConcurrentHashMap<>();

    private record Key(String name, Channel channel) {
    }

    private record Active(long versionId, long readAt) {
    }

    Templates(TemplateStore store, TransactionTemplate transactions, ApplicationEventPublisher events, Portal portal,
              Ledger ledger, Environment environment, Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.events = events;
        this.portal = portal;
        this.ledger = ledger;
        this.environment = environment;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------------------- reads

    /** Returns every template with its latest and active versions, by name and channel. */
    public List<TemplateView> list() {
        return store.templates().stream().map(Templates::view).toList();
    }

    /** Returns one template with its latest and active versions. */
    public TemplateView template(String name, Channel channel) {
        checkName(name, channel);
        return store.template(name, channel).map(Templates::view).orElseThrow(() -> unknown(name, channel));
    }

    /** Returns every version of a template with its texts, newest first. */
    public List<TemplateVersionView> versions(String name, Channel channel) {
        TemplateView template = template(name, channel);
        return store.versions(name, channel).stream().map(row -> view(row, template.activeVersion())).toList();
    }

    /** Returns one version of a template with its texts; a null version means the latest. */
    public TemplateVersionView version(String name, Channel channel, Integer version) {
        TemplateView template = template(name, channel);
        VersionRow row = store.version(name, channel, version).orElseThrow(() -> new NotFoundException("Template '"
                + name + "' " + channel + " has no version " + version + "; its versions are 1 to "
                + template.latestVersion()));
        return view(row, template.activeVersion());
    }

    /** Returns true when the template has an active version, so messages can be rendered with it. */
    public boolean knows(String name, Channel channel) {
        return store.hasActive(name, channel);
    }

    // ------------------------------------------------------------------------------------------------ writes

    /** Checks a draft without storing it; returns every problem (empty when it may be stored). */
    public List<FieldError> check(String name, Channel channel, TemplateDraft draft) {
        checkName(name, channel);
        return TemplateCheck.check(name, channel, draft, samples());
    }

    /** Stores a valid draft as the template's next version (not activated); throws InvalidDocumentException. */
    public TemplateVersionView createVersion(String name, Channel channel, TemplateDraft draft, String actor) {
        List<FieldError> errors = check(name, channel, draft);
        if (!errors.isEmpty()) {
            throw new InvalidDocumentException(errors);
        }
        String by = who(actor);
        VersionRow row = transactions.execute(tx -> {
            store.lock(name, channel);
            return insert(name, channel, draft, by);
        });
        log.info("Template {} {} version {} stored by {}", name, channel, row.version(), by);
        return version(name, channel, row.version());
    }

    /** Makes a version the template's active one; activating the active version again changes nothing. */
    public TemplateView activate(String name, Channel channel, int version, String actor) {
        checkName(name, channel);
        String by = who(actor);
        transactions.executeWithoutResult(tx -> {
            store.lock(name, channel);
            VersionRow row = store.version(name, channel, version).orElseThrow(() -> store.versionCount(name,
                    channel) == 0 ? unknown(name, channel)
                    : new NotFoundException("Template '" + name + "' " + channel + " has no version " + version));
            if (store.activeId(name, channel).filter(id -> id == row.id()).isEmpty()) {
                store.insertActivation(name, channel, row.id(), clock.instant(), by);
                events.publishEvent(new TemplateChanged(name, channel, row.version(), TemplateChanged.Change.ACTIVATED,
                        by, row.sha256(), clock.instant()));
                log.info("Template {} {} version {} activated by {}", name, channel, version, by);
            }
        });
        active.remove(new Key(name, channel));
        return template(name, channel);
    }

    // -------------------------------------------------------------------------------------------- rendering

    /** Renders the template's active version; throws NotFoundException when it has none. */
    public RenderedMessage render(String name, Channel channel, RenderContext context) {
        return compiled(activeVersionId(name, channel)).render(context);
    }

    /** Renders a given stored version (a message planned with it, a preview of a draft version). */
    public RenderedMessage render(long versionId, RenderContext context) {
        return compiled(versionId).render(context);
    }

    /**
     * Returns true when rendering a stored version needs the account's bills: its texts use them (or the account
     * number), or it attaches the bill.
     */
    public boolean readsBills(long versionId) {
        return compiled(versionId).readsBills() || attachesBill(versionId);
    }

    /** Returns true when a stored version (an e-mail's) asks for the bill as a PDF attachment. */
    public boolean attachesBill(long versionId) {
        Boolean known = attachBill.get(versionId);
        if (known != null) {
            return known;
        }
        boolean attaches = store.version(versionId).map(VersionRow::attachBill).orElse(false);
        attachBill.put(versionId, attaches);
        return attaches;
    }

    /** Returns the id of the template's active version; throws NotFoundException when it has none. */
    public long activeVersionId(String name, Channel channel) {
        Key key = new Key(name, channel);
        Active known = active.get(key);
        long now = System.nanoTime();
        if (known != null && now - known.readAt() < ACTIVE_TTL_NANOS) {
            return known.versionId();
        }
        long id = store.activeId(name, channel).orElseThrow(() -> new NotFoundException("Template '" + name + "' "
                + channel + " has no active version"));
        active.put(key, new Active(id, now));
        return id;
    }

    /**
     * Assembles the context of an account from the ledger's view of it: its unpaid bills oldest first, a fresh
     * payment link and e-mail opt-out link, the creditor of the configuration, and today as of the view's date.
     *
     * @param locale        zh-CN, zh-TW or en; null for the customer's own (the closest of the three)
     * @param jurisdiction  the compliance profile whose disclosures apply; null for none
     * @param collectorName the collector or manager, null for none
     */
    public RenderContext context(AccountView account, String locale, String jurisdiction, String collectorName) {
        String language = locale != null ? locale : Locales.closest(account.customer().locale());
        if (!Locales.supported(language)) {
            throw new IllegalArgumentException("unsupported locale '" + language + "'; one of " + Locales.ALL);
        }
        long accountId = account.summary().id();
        String token = portal.token(accountId);
        List<RenderContext.Bill> bills = account.bills().stream()
                .filter(b -> b.outstandingMinor() > 0)
                .sorted(Comparator.comparing(BillView::dueDate).thenComparing(BillView::id))
                .map(b -> new RenderContext.Bill(b.externalRef(), b.issueDate(), b.dueDate(), b.totalMinor(),
                        b.outstandingMinor(), b.lines().stream().map(l -> new RenderContext.Line(l.description(),
                        l.category().name(), l.amountMinor())).toList()))
                .toList();
        var s = account.summary();
        String address = account.customer().contactPoints().stream()
                .filter(c -> c.kind() == ContactKind.POSTAL).map(ContactPoint::value).findFirst().orElse("");
        return new RenderContext(language, jurisdiction, s.asOf(), account.customer().name(), address,
                new RenderContext.Account(s.externalRef(), s.currency(), s.balanceMinor(), s.overdueMinor(),
                        s.daysPastDue(), s.oldestOpenDueDate()),
                bills, portal.link(token), portal.optOutLink(token, Channel.EMAIL), collectorName,
                creditorName(language), creditorPhone());
    }

    /**
     * Renders a template for a real account without sending anything: the active version, or the given one. Reading
     * the account is a read of personal data and is announced as such.
     */
    public RenderedMessage preview(String name, Channel channel, Integer version, long accountId, String locale,
                                   String jurisdiction, String collectorName, String actor) {
        checkName(name, channel);
        if (locale != null && !Locales.supported(locale)) {
            throw new BadParameterException("locale", "'" + locale + "' is not one of " + Locales.ALL);
        }
        long versionId = version == null ? activeVersionId(name, channel)
                : store.version(name, channel, version).map(VersionRow::id).orElseThrow(() -> new NotFoundException(
                "Template '" + name + "' " + channel + " has no version " + version));
        RenderContext context = transactions.execute(tx -> {
            AccountView account = ledger.account(accountId, null)
                    .orElseThrow(() -> new NotFoundException("No account " + accountId));
            events.publishEvent(new PersonalDataRead(account.customer().id(), who(actor),
                    "POST /api/v1/templates/" + name + "/" + channel + "/preview", clock.instant()));
            return context(account, locale, jurisdiction, collectorName);
        });
        return render(versionId, context);
    }

    /** Returns the samples' fixed values for the installation: its longest links and its creditor. */
    Samples.Setup samples() {
        String token = portal.longestToken();
        Map<String, String> creditors = new LinkedHashMap<>();
        Locales.ALL.forEach(locale -> creditors.put(locale, creditorName(locale)));
        return new Samples.Setup(portal.link(token), portal.optOutLink(token, Channel.EMAIL), creditors,
                creditorPhone());
    }

    // -------------------------------------------------------------------------------------------- shipped

    /**
     * Stores and activates each shipped template (name and channel) that has no version yet; returns them as
     * {@code name/CHANNEL}. Never changes a template that has versions. Safe when several nodes call it at once.
     */
    public List<String> installShipped() {
        List<ShippedTemplateFiles.Shipped> shipped = ShippedTemplateFiles.all();
        List<String> installed = transactions.execute(tx -> {
            store.lockInstall();
            List<String> done = new ArrayList<>();
            for (ShippedTemplateFiles.Shipped t : shipped) {
                store.lock(t.name(), t.channel());
                if (store.versionCount(t.name(), t.channel()) > 0) {
                    continue;
                }
                List<FieldError> errors = TemplateCheck.check(t.name(), t.channel(), t.draft(), samples());
                if (!errors.isEmpty()) {
                    // a test checks every shipped file; an invalid one is never stored, and the server still starts
                    log.error("Not installing shipped template {} {}: {}", t.name(), t.channel(), errors);
                    continue;
                }
                VersionRow row = insert(t.name(), t.channel(), t.draft(), SYSTEM);
                store.insertActivation(t.name(), t.channel(), row.id(), clock.instant(), SYSTEM);
                events.publishEvent(new TemplateChanged(t.name(), t.channel(), row.version(),
                        TemplateChanged.Change.ACTIVATED, SYSTEM, row.sha256(), clock.instant()));
                done.add(t.name() + "/" + t.channel());
            }
            return done;
        });
        if (!installed.isEmpty()) {
            log.info("Installed and activated {} shipped templates", installed.size());
        }
        installed.forEach(t -> active.remove(new Key(t.substring(0, t.indexOf('/')),
                Channel.valueOf(t.substring(t.indexOf('/') + 1)))));
        return installed;
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /**
     * Returns the hex SHA-256 of a version's canonical content: the UTF-8 bytes of the channel and the segment
     * limit on the first line, then for each locale (zh-CN, zh-TW, en) and each of the channel's parts in order a
     * line {@code <locale> <part> <length in chars>} followed by the text and a line break.
     */
    public static String sha256(Channel channel, Integer maxSegments, Map<String, Map<Field, String>> texts) {
        return sha256(channel, maxSegments, false, texts);
    }

    /**
     * Returns the SHA-256 of a version's canonical content with its attachment flag: a line {@code attachBill} after
     * the first when the bill is attached (versions without it keep the digest they always had).
     */
    public static String sha256(Channel channel, Integer maxSegments, boolean attachBill,
                                Map<String, Map<Field, String>> texts) {
        StringBuilder canonical = new StringBuilder();
        canonical.append(channel).append(' ').append(maxSegments == null ? "-" : maxSegments).append('\n');
        if (attachBill) {
            canonical.append("attachBill\n");
        }
        for (String locale : Locales.ALL) {
            for (Field field : Field.of(channel)) {
                String text = texts.get(locale).get(field);
                canonical.append(locale).append(' ').append(field.key()).append(' ').append(text.length())
                        .append('\n').append(text).append('\n');
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private VersionRow insert(String name, Channel channel, TemplateDraft draft, String by) {
        Map<String, Map<Field, String>> texts = TemplateCheck.texts(channel, draft);
        Integer max = draft.maxSegments();
        if (channel == Channel.SMS && max == null) {
            max = CompiledTemplate.DEFAULT_MAX_SEGMENTS;
        }
        String sha = sha256(channel, max, draft.attachesBill(), texts);
        VersionRow row = store.insertVersion(name, channel, blankToNull(draft.description()), max,
                draft.attachesBill(), sha, texts, clock.instant(), by);
        events.publishEvent(new TemplateChanged(name, channel, row.version(), TemplateChanged.Change.CREATED, by, sha,
                clock.instant()));
        return row;
    }

    private CompiledTemplate compiled(long versionId) {
        CompiledTemplate known = compiled.get(versionId);
        if (known != null) {
            return known;
        }
        VersionRow row = store.version(versionId).orElseThrow(() -> new NotFoundException("No template version "
                + versionId));
        // compiled outside the map: two threads may both compile a version once, neither holds the map while reading
        CompiledTemplate fresh = CompiledTemplate.compile(row.id(), row.name(), row.channel(), row.version(),
                row.maxSegments(), store.texts(row.id()));
        CompiledTemplate raced = compiled.putIfAbsent(versionId, fresh);
        return raced != null ? raced : fresh;
    }

    /** Returns the creditor's name as customers writing in a locale know it ({@code arrears.contact.creditor.name}). */
    public String creditorName(String locale) {
        String general = environment.getProperty("arrears.contact.creditor.name", "Arrears");
        return environment.getProperty("arrears.contact.creditor.name." + locale, general);
    }

    /** Returns the customer service number ({@code arrears.contact.creditor.phone}), empty when none is set. */
    public String creditorPhone() {
        return environment.getProperty("arrears.contact.creditor.phone", "");
    }

    private static void checkName(String name, Channel channel) {
        List<BadParameterException.BadParameter> problems = new ArrayList<>();
        if (name == null || !TemplateCheck.NAME.matcher(name).matches()) {
            problems.add(new BadParameterException.BadParameter("name", "'" + abbreviate(name) + "' is not a template "
                    + "name: lower-case letters, digits and underscores, 2 to 63 characters, as overdue_notice"));
        }
        if (channel == null || !Field.templated(channel)) {
            problems.add(new BadParameterException.BadParameter("channel", channel + " is not a channel with "
                    + "templates: SMS, EMAIL, PUSH, LETTER or CALL"));
        }
        if (!problems.isEmpty()) {
            throw new BadParameterException(problems);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String who(String name) {
        return name == null || name.isBlank() ? "unknown" : name;
    }

    private static NotFoundException unknown(String name, Channel channel) {
        return new NotFoundException("No template '" + name + "' for " + channel);
    }

    private static TemplateView view(TemplateRow row) {
        return new TemplateView(row.name(), row.channel(), row.activeVersion(), row.activeId(), row.activatedAt(),
                row.activatedBy(), row.latestVersion(), row.updatedAt());
    }

    private TemplateVersionView view(VersionRow row, Integer activeVersion) {
        Map<String, Map<String, String>> locales = new LinkedHashMap<>();
        Map<String, Map<Field, String>> texts = store.texts(row.id());
        for (String locale : Locales.ALL) {
            Map<String, String> parts = new LinkedHashMap<>();
            Map<Field, String> byField = texts.getOrDefault(locale, Map.of());
            for (Field field : Field.of(row.channel())) {
                if (byField.containsKey(field)) {
                    parts.put(field.key(), byField.get(field));
                }
            }
            locales.put(locale, parts);
        }
        return new TemplateVersionView(row.id(), row.name(), row.channel(), row.version(), row.description(),
                row.maxSegments(), row.sha256(), row.createdAt(), row.createdBy(), locales, activeVersion,
                row.attachBill());
    }
}
