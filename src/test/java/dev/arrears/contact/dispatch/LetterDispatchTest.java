package dev.arrears.contact.dispatch;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.arrears.compliance.Clearance;
import dev.arrears.compliance.ContactCheck;
import dev.arrears.compliance.ContactCheck.CollectorRole;
import dev.arrears.compliance.ContactCheck.Selection;
import dev.arrears.compliance.ContactGuard;
import dev.arrears.compliance.domain.ContactRequest.DebtType;
import dev.arrears.contact.ContactViews.JobView;
import dev.arrears.contact.Dispatch;
import dev.arrears.contact.channel.ChannelSenders;
import dev.arrears.contact.channel.OutboundMessage;
import dev.arrears.contact.channel.ProviderRecord;
import dev.arrears.contact.channel.SendResult;
import dev.arrears.contact.letter.LetterFonts;
import dev.arrears.contact.letter.LetterStore;
import dev.arrears.contact.letter.PdfRenderer;
import dev.arrears.contact.letter.PrintQueueSender;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.Channel;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Letters through the live print queue and e-mail with the bill attached, end to end over HTTP: due letters are
 * rendered to PDF in the customer's language and stored once per contact (a takeover finds them), taken oldest first
 * into batches whose merged PDF and manifest can be downloaded, printed and posted (wrong states and bad input are
 * problem+json); posting shows on the timeline and in the audit trail. An e-mail whose template asks for the bill
 * reaches GreenMail as multipart/mixed with the bill as a PDF; the benchmark's e-mail carries none.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LetterDispatchTest {

    private static final String USER = "letter-test";
    private static final String PASSWORD = "letter-test-password";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final GreenMail MAIL = start();

    private static GreenMail start() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        return mail;
    }

    @DynamicPropertySource
    static void live(DynamicPropertyRegistry registry) {
        registry.add("arrears.contact.letter.mode", () -> "live");
        registry.add("arrears.contact.email.mode", () -> "live");
        registry.add("arrears.contact.email.from", () -> "Arrears Billing <billing@arrears.test>");
        registry.add("arrears.contact.email.smtp.host", () -> "127.0.0.1");
        registry.add("arrears.contact.email.smtp.port", () -> MAIL.getSmtp().getPort());
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    Dispatch dispatch;
    @Autowired
    ChannelSenders senders;
    @Autowired
    PrintQueueSender printQueue;
    @Autowired
    LetterStore letters;
    @Autowired
    Ledger ledger;
    @Autowired
    Cycles cycles;
    @Autowired
    ContactGuard guard;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;
    @Autowired
    List<dev.arrears.shared.PersonalDataSource> personalData;

    final HttpClient http = HttpClient.newHttpClient();
    DispatchFixture f;

    record Response(int status, String contentType, JsonNode json, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (contentType.contains("pdf") ? body.length + " bytes" : text());
        }

        List<String> pointers() {
            List<String> out = new ArrayList<>();
            json.get("errors").forEach(e -> out.add(e.has("pointer") ? e.get("pointer").asString()
                    : e.get("parameter").asString()));
            return out;
        }
    }

    @BeforeEach
    void setUp() {
        jdbc.sql("""
                        insert into app_user (username, password_hash, roles, enabled, created_at)
                        values (?, ?, ?::text[], true, ?) on conflict (username) do nothing""")
                .params(USER, encoder.encode(PASSWORD), "{ADMIN}", Timestamp.from(Instant.now())).update();
        f = new DispatchFixture(ledger, cycles, jdbc);
    }

    Response send(HttpRequest.Builder request) {
        request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        try {
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") && r.body().length > 0 ? MAPPER.readTree(r.body()) : null;
            return new Response(r.statusCode(), type, json, r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
    }

    Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** An account of a customer writing in a locale with a postal address and an e-mail address. */
    long account(String name, String locale) {
        return f.account(name, locale, List.of(
                new ContactPoint(ContactKind.POSTAL, "上海市浦东新区世纪大道100号\n" + name + " 收", Set.of(Channel.LETTER),
                        Set.of()),
                new ContactPoint(ContactKind.EMAIL, name.toLowerCase() + "-" + UUID.randomUUID().toString()
                        .substring(0, 8) + "@example.cn", Set.of(Channel.EMAIL), Set.of())));
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    /** Puts every letter still waiting into a batch of its own, so that a test's batch takes only its letters. */
    void batchWhatIsWaiting() {
        Response r = post("/api/v1/letters/batches", "");
        assertThat(r.status()).as(r.toString()).isIn(201, 409);
    }

    @Test
    void dueLetterIsRenderedStoredOnceAndFoundByATakeover() throws IOException {
        assertThat(senders.sender(Channel.LETTER)).isSameAs(printQueue);
        long zh = account("陈静", "zh-CN");
        long tw = account("陳靜", "zh-TW");
        long en = account("Chen", "en");
        long zhAction = f.plan(zh, "LETTER", "LETTER", null, "demand_letter");
        long twAction = f.plan(tw, "LETTER", "LETTER", null, "demand_letter");
        long enAction = f.plan(en, "LETTER", "LETTER", null, "final_notice");

        assertThat(dispatch.runOnce(f.accounts).sent()).isEqualTo(3);

        for (long[] c : new long[][] {{zhAction, zh}, {twAction, tw}, {enAction, en}}) {
            JobView job = dispatch.jobOf(c[0]).orElseThrow();
            assertThat(job.state()).isEqualTo("SENT");
            long letterId = letters.idByKey(job.idempotencyKey()).orElseThrow();
            assertThat(job.providerIds()).containsExactly("letter-" + letterId);
            var letter = letters.letter(letterId).orElseThrow();
            assertThat(letter.state()).isEqualTo("RENDERED");
            assertThat(letter.accountId()).isEqualTo(c[1]);
            assertThat(letter.recipientAddress()).startsWith("上海市浦东新区世纪大道100号");
            assertThat(letter.sha256()).hasSize(64);
            String text = text(letters.pdf(letterId).orElseThrow());
            assertThat(text).contains(letter.recipientName(), "套餐费 plan", "上海市浦东新区世纪大道100号",
                    f.p + letter.recipientName() + "-B");
            assertThat(PdfRenderer.pages(letters.pdf(letterId).orElseThrow())).isEqualTo(letter.pages());
            // a takeover asks the print queue, which knows the letter; handing it over again stores nothing new
            ProviderRecord record = printQueue.lookup(job.idempotencyKey());
            assertThat(record.known()).isEqualTo(ProviderRecord.Known.ACCEPTED);
            assertThat(record.providerIds()).containsExactly("letter-" + letterId);
            OutboundMessage again = new OutboundMessage(job.idempotencyKey(), job.id(), 1, Channel.LETTER, c[1],
                    letter.customerId(), "zh-CN", letter.recipientAddress(), null, null,
                    "<html><body><p>changed</p></body></html>", null, null, 0, null);
            SendResult second = printQueue.send(clearance(job.idempotencyKey()), again);
            assertThat(second.providerIds()).containsExactly("letter-" + letterId);
        }
        assertThat(text(letters.pdf(letters.idByKey(dispatch.jobOf(zhAction).orElseThrow().idempotencyKey())
                .orElseThrow()).orElseThrow())).contains("陈静", "催款函", "服务费");
        assertThat(text(letters.pdf(letters.idByKey(dispatch.jobOf(twAction).orElseThrow().idempotencyKey())
                .orElseThrow()).orElseThrow())).contains("陳靜", "服務費");
        assertThat(jdbc.sql("select count(*) from letter where account_id = any (?)")
                .param(new Long[] {zh, tw, en}).query(Long.class).single()).isEqualTo(3);
        assertThat(printQueue.lookup("planned-action:nothing").known()).isEqualTo(ProviderRecord.Known.ABSENT);
    }

    @Test
    void chineseLetterWithoutFont_isPermanentNamingTheFix() {
        PrintQueueSender bare = new PrintQueueSender(new PdfRenderer(new LetterFonts((LetterFonts.CjkFont) null)),
                letters, ledger, clock, transactions);
        String key = "test:" + UUID.randomUUID();
        OutboundMessage letter = new OutboundMessage(key, 1, 1, Channel.LETTER, 1, 1, "zh-CN", "上海", null, null,
                "<html><body><p>陈静：您好</p></body></html>", null, null, 0, null);

        SendResult result = bare.send(clearance(key), letter);

        assertThat(result.status()).isEqualTo(SendResult.Status.PERMANENT);
        assertThat(result.detail()).contains("apt-get install fonts-wqy-microhei", "arrears.letters.font");
        assertThat(letters.idByKey(key)).isEmpty();
    }

    @Test
    void batchTakesWaitingLettersOldestFirstAndIsPrintedThenPosted() throws IOException {
        batchWhatIsWaiting();
        List<Long> accounts = new ArrayList<>();
        List<Long> actions = new ArrayList<>();
        for (String name : List.of("Wang", "Zhou", "Sun")) {
            long a = account(name, "en");
            accounts.add(a);
            actions.add(f.plan(a, "LETTER", "LETTER", null, "demand_letter"));
        }
        assertThat(dispatch.runOnce(accounts).sent()).isEqualTo(3);
        List<Long> ids = actions.stream().map(a -> letters.idByKey(dispatch.jobOf(a).orElseThrow()
                .idempotencyKey()).orElseThrow()).sorted().toList();

        Response waiting = get("/api/v1/letters?state=RENDERED");
        assertThat(waiting.status()).as(waiting.toString()).isEqualTo(200);
        assertThat(waiting.json().get("total").asLong()).isEqualTo(3);
        assertThat(waiting.json().get("items").get(0).has("pdf")).isTrue();

        Response created = post("/api/v1/letters/batches", "{\"maxLetters\": 2}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode batch = created.json();
        long batchId = batch.get("id").asLong();
        assertThat(batch.get("state").asString()).isEqualTo("OPEN");
        assertThat(batch.get("letters").asInt()).isEqualTo(2);
        int pages = letters.letter(ids.get(0)).orElseThrow().pages() + letters.letter(ids.get(1)).orElseThrow().pages();
        assertThat(batch.get("pages").asInt()).isEqualTo(pages);
        assertThat(letters.letter(ids.get(2)).orElseThrow().state()).as("the newest waits").isEqualTo("RENDERED");
        assertThat(letters.letter(ids.get(0)).orElseThrow().batchPosition()).isEqualTo(1);

        Response pdf = get("/api/v1/letters/batches/" + batchId + "/pdf");
        assertThat(pdf.status()).as(pdf.toString()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        assertThat(PdfRenderer.pages(pdf.body())).isEqualTo(pages);
        String merged = text(pdf.body());
        String first = letters.letter(ids.get(0)).orElseThrow().recipientName();
        String second = letters.letter(ids.get(1)).orElseThrow().recipientName();
        assertThat(merged.indexOf(first)).isNotNegative().isLessThan(merged.indexOf(second));

        Response manifest = get("/api/v1/letters/batches/" + batchId + "/manifest.csv");
        assertThat(manifest.status()).isEqualTo(200);
        assertThat(manifest.contentType()).startsWith("text/csv");
        List<String> lines = manifest.text().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("position,letter_id,recipient_name,recipient_address,pages,sha256");
        assertThat(manifest.text()).contains("1," + ids.get(0) + "," + first + ",\"上海市浦东新区世纪大道100号\n" + first
                + " 收\"," + letters.letter(ids.get(0)).orElseThrow().pages() + ","
                + letters.letter(ids.get(0)).orElseThrow().sha256());
        assertThat(manifest.text()).contains("2," + ids.get(1) + ",");

        Response one = get("/api/v1/letters/" + ids.get(0) + "/pdf");
        assertThat(one.contentType()).startsWith("application/pdf");
        assertThat(PrintQueueSender.sha256(one.body())).isEqualTo(letters.letter(ids.get(0)).orElseThrow().sha256());

        Response early = post("/api/v1/letters/batches/" + batchId + "/posted", "");
        assertThat(early.status()).as("posted before printed").isEqualTo(409);
        assertThat(early.contentType()).startsWith("application/problem+json");
        assertThat(post("/api/v1/letters/batches/" + batchId + "/printed", "").json().get("state").asString())
                .isEqualTo("PRINTED");
        assertThat(post("/api/v1/letters/batches/" + batchId + "/printed", "").status()).isEqualTo(409);
        Response posted = post("/api/v1/letters/batches/" + batchId + "/posted", "");
        assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
        assertThat(posted.json().get("state").asString()).isEqualTo("POSTED");
        assertThat(posted.json().get("postedBy").asString()).isEqualTo(USER);
        assertThat(letters.letter(ids.get(0)).orElseThrow().state()).isEqualTo("POSTED");
        assertThat(post("/api/v1/letters/" + ids.get(0) + "/cancel", "").status()).isEqualTo(409);
        Response cancelled = post("/api/v1/letters/" + ids.get(2) + "/cancel", "{\"reason\": \"returned address\"}");
        assertThat(cancelled.json().get("state").asString()).as(cancelled.toString()).isEqualTo("CANCELLED");

        long account = letters.letter(ids.get(0)).orElseThrow().accountId();
        JsonNode timeline = get("/api/v1/accounts/" + account + "/timeline").json().get("entries");
        assertThat(timeline.valueStream().filter(e -> e.get("kind").asString().equals("LETTER")).toList())
                .singleElement().satisfies(e -> {
                    assertThat(e.get("status").asString()).isEqualTo("POSTED");
                    assertThat(e.get("detail").asString()).contains("batch " + batchId);
                });
        assertThat(jdbc.sql("""
                        select string_agg(details::jsonb ->> 'change', ',' order by position) from audit_entry
                        where kind = 'LETTER_BATCH_CHANGED' and subject_id = ?""")
                .param(Long.toString(batchId)).query(String.class).single()).isEqualTo("CREATED,PRINTED,POSTED");
        Response list = get("/api/v1/letters/batches?size=5");
        assertThat(list.json().get("items").get(0).get("id").asLong()).isEqualTo(batchId);

        // erasing the customer's personal data empties their letters; the batch's PDF leaves them out
        var source = personalData.stream().filter(s -> s.name().equals("letters")).findFirst().orElseThrow();
        long customer = letters.letter(ids.get(0)).orElseThrow().customerId();
        assertThat(source.export(customer).toString()).contains(first);
        transactionsTemplate().executeWithoutResult(tx -> source.erase(customer));
        assertThat(source.export(customer).toString()).doesNotContain(first).contains("erased");
        assertThat(letters.pdf(ids.get(0)).orElseThrow()).isEmpty();
        Response after = get("/api/v1/letters/batches/" + batchId + "/pdf");
        assertThat(PdfRenderer.pages(after.body())).isEqualTo(letters.letter(ids.get(1)).orElseThrow().pages());
    }

    private org.springframework.transaction.support.TransactionTemplate transactionsTemplate() {
        return new org.springframework.transaction.support.TransactionTemplate(transactions);
    }

    @Test
    void badInputAndWrongStatesAreProblems() {
        batchWhatIsWaiting();
        Response none = post("/api/v1/letters/batches", "{}");
        assertThat(none.status()).as(none.toString()).isEqualTo(409);
        assertThat(none.contentType()).startsWith("application/problem+json");
        for (String body : List.of("{\"maxLetters\": 0}", "{\"maxLetters\": \"ten\"}", "{\"maxLetters\": 1.5}")) {
            Response bad = post("/api/v1/letters/batches", body);
            assertThat(bad.status()).as(body).isEqualTo(400);
            assertThat(bad.pointers()).containsExactly("/maxLetters");
        }
        assertThat(post("/api/v1/letters/batches", "{\"max\": 3}").pointers()).containsExactly("/max");
        assertThat(post("/api/v1/letters/batches", "[1]").status()).isEqualTo(400);
        assertThat(post("/api/v1/letters/batches", "{not json").status()).isEqualTo(400);
        Response state = get("/api/v1/letters?state=LOST&size=0");
        assertThat(state.status()).isEqualTo(400);
        assertThat(state.pointers()).containsExactlyInAnyOrder("state", "size");
        assertThat(get("/api/v1/letters/abc/pdf").status()).isEqualTo(400);
        assertThat(get("/api/v1/letters/999999999/pdf").status()).isEqualTo(404);
        assertThat(get("/api/v1/letters/batches/999999999/pdf").status()).isEqualTo(404);
        assertThat(get("/api/v1/letters/batches/999999999/manifest.csv").status()).isEqualTo(404);
        Response missing = post("/api/v1/letters/batches/999999999/printed", "");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(post("/api/v1/letters/batches/x/posted", "").status()).isEqualTo(400);
        assertThat(get("/api/v1/outbox/999999999/pdf").status()).isEqualTo(404);
    }

    @Test
    void emailWhoseTemplateAsksForTheBillCarriesItAsAPdf() throws Exception {
        long statement = account("Liu", "en");
        long plain = account("Qian", "zh-CN");
        long withBill = f.plan(statement, "EMAIL", "EMAIL", null, "statement_of_account");
        long without = f.plan(plain, "EMAIL", "EMAIL", null, "overdue_notice_bill");

        assertThat(dispatch.runOnce(List.of(statement, plain)).sent()).isEqualTo(2);

        MimeMessage mail = receivedFor(statement);
        assertThat(mail.isMimeType("multipart/mixed")).as(mail.getContentType()).isTrue();
        MimeMultipart mixed = (MimeMultipart) mail.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        assertThat(mixed.getBodyPart(0).isMimeType("multipart/alternative")).isTrue();
        Part attachment = mixed.getBodyPart(1);
        assertThat(attachment.isMimeType("application/pdf")).isTrue();
        assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(attachment.getFileName()).isEqualTo("bill-" + f.p + "Liu.pdf");
        byte[] pdf;
        try (InputStream in = attachment.getInputStream()) {
            pdf = in.readAllBytes();
        }
        assertThat(text(pdf)).contains("Liu", "套餐费 plan", "Service", "CN¥100.00", f.p + "Liu-B");
        assertThat(dispatch.jobOf(withBill).orElseThrow().state()).isEqualTo("SENT");

        MimeMessage benchmarkLike = receivedFor(plain);
        assertThat(benchmarkLike.isMimeType("multipart/alternative")).as("overdue_notice_bill has no attachment")
                .isTrue();
        assertThat(dispatch.jobOf(without).orElseThrow().state()).isEqualTo("SENT");
    }

    private MimeMessage receivedFor(long accountId) throws Exception {
        String address = jdbc.sql("""
                        select cp.value from contact_point cp join account a on a.customer_id = cp.customer_id
                        where a.id = ? and cp.kind = 'EMAIL'""")
                .param(accountId).query(String.class).single();
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            if (Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                    .anyMatch(r -> ((InternetAddress) r).getAddress().equals(address))) {
                found.add(m);
            }
        }
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    private Clearance clearance(String key) {
        return guard.check(new ContactCheck(key, 1, 1, new Selection("CN", null, "TELECOM_POSTPAID",
                CollectorRole.FIRST_PARTY, DebtType.CONSUMER), Channel.LETTER, null, "1", null, null, null, true,
                null, null, null, null)).clearanceIfAllowed().orElseThrow();
    }
}
