package dev.arrears.contact.sms;

import dev.arrears.contact.sms.DeliveryReceipt.State;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMS centre in the JVM on jSMPP's server side, for tests, the dispatch benchmark and the sandbox. It listens on
 * the loopback interface, accepts binds with the configured system id and password (ESME_RINVSYSID or
 * ESME_RINVPASWD otherwise), answers each submit_sm with a unique message id, and records every message it
 * accepted: recipient, text decoded and reassembled from its UDH parts, the part ids, and how often the same text
 * reached the same recipient. After each submit_sm_resp it sends a delivery receipt (deliver_sm with the SMPP 3.4
 * Appendix B text and the receipted_message_id and message_state parameters; dates in UTC) after the configured
 * delay, at most 50 outstanding; a receipt the ESME refuses or does not answer goes again a second later, and
 * receipts for a session that is gone wait for the next bind. It can be told to throttle (every Nth submit
 * or a burst), to refuse recipients, to fail deliveries, to drop every connection (now or after N more accepted
 * submits), and to deliver a message from a customer (MO).
 */
@org.springframework.modulith.NamedInterface("smsc-simulator")
public final class SmscSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmscSimulator.class);

    /** Tries to deliver one receipt before it is dropped (a refusing ESME gets it again after a second). */
    private static final int RECEIPT_ATTEMPTS = 10;
    /** The most deliver_sm outstanding at once, as an SMSC keeps a window towards each ESME. */
    private static final int RECEIPT_WINDOW = 50;
    /** How long an accepted connection has to bind (jSMPP's listener default). */
    private static final int BIND_WAIT_MILLIS = 5_000;

    /**
     * How the simulator behaves.
     *
     * @param systemId         the account ESMEs bind with
     * @param password         its password
     * @param receiptDelay     the delay from submit_sm_resp to the delivery receipt; null sends none
     * @param packedGsm7       whether GSM-7 short messages arrive packed (most SMSCs take them unpacked)
     * @param processorThreads jSMPP threads per session that handle incoming PDUs
     * @param clock            the clock of the dates in receipts
     */
    public record Settings(String systemId, String password, Duration receiptDelay, boolean packedGsm7,
                           int processorThreads, Clock clock) {

        public Settings {
            Objects.requireNonNull(systemId, "systemId");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(clock, "clock");
        }

        /** Returns settings for an account: receipts after 50 ms, GSM-7 unpacked, 4 processor threads, UTC. */
        public static Settings of(String systemId, String password) {
            return new Settings(systemId, password, Duration.ofMillis(50), false, 4, Clock.systemUTC());
        }

        /** Returns these settings with another receipt delay (null: no receipts). */
        public Settings withReceiptDelay(Duration delay) {
            return new Settings(systemId, password, delay, packedGsm7, processorThreads, clock);
        }

        /** Returns these settings with GSM-7 read packed or unpacked. */
        public Settings withPackedGsm7(boolean packed) {
            return new Settings(systemId, password, receiptDelay, packed, processorThreads, clock);
        }

        /** Returns these settings with another clock for receipt dates. */
        public Settings withClock(Clock newClock) {
            return new Settings(systemId, password, receiptDelay, packedGsm7, processorThreads, newClock);
        }
    }

    /**
     * A whole message the simulator accepted (every part of it).
     *
     * @param source      the sender as submitted (E.164 when international)
     * @param destination the recipient, E.164
     * @param text        the decoded text, parts joined
     * @param messageIds  the ids given to its parts, in part order
     */
    public record ReceivedSms(String source, String destination, String text, List<String> messageIds) {

        public ReceivedSms {
            messageIds = List.copyOf(messageIds);
        }
    }

    private record Address(byte ton, byte npi, String address) {

        TypeOfNumber typeOfNumber() {
            return TypeOfNumber.valueOf(ton);
        }

        NumberingPlanIndicator plan() {
            return NumberingPlanIndicator.valueOf(npi);
        }
    }

    private record PendingReceipt(String messageId, Address handset, Address esme, State state, String error,
                                  LocalDateTime submitted, String textStart, SMPPServerSession origin,
                                  int attempt) {

        PendingReceipt retry() {
            return new PendingReceipt(messageId, handset, esme, state, error, submitted, textStart, null,
                    attempt + 1);
        }
    }

    private record Outcome(State state, String error) {
    }

    private record Key(String destination, String text) {
    }

    private record PartKey(String destination, int reference, int total, int sequence, String text) {
    }

    private final Settings settings;
    private final ServerSocket serverSocket;
    private final Receiver receiver = new Receiver();
    private final ResponsesSent responsesSent = new ResponsesSent();
    private final Thread acceptor;
    private volatile boolean running = true;
    private final Set<SMPPServerSession> sessions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("smsc-simulator-timer").factory());
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final PartAssembler assembler = new PartAssembler(100_000);
    private final Queue<ReceivedSms> received = new ConcurrentLinkedQueue<>();
    private final Map<Key, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<PartKey, AtomicInteger> partCounts = new ConcurrentHashMap<>();
    private final Map<String, PendingReceipt> awaitingResponse = new ConcurrentHashMap<>();
    private final Queue<PendingReceipt> undelivered = new ConcurrentLinkedQueue<>();
    private final Semaphore receiptWindow = new Semaphore(RECEIPT_WINDOW);
    private final String idPrefix = "%06x".formatted(ThreadLocalRandom.current().nextInt(1 << 24));
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicLong submits = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong receiptsSent = new AtomicLong();
    private final AtomicInteger binds = new AtomicInteger();

    private volatile int throttleEvery;
    private volatile int throttleStatus = CommandStatus.ESME_RTHROTTLED;
    private final AtomicInteger throttleBurst = new AtomicInteger();
    private final AtomicLong dropAtAccepted = new AtomicLong(-1);
    private final Map<String, Integer> refusedDestinations = new ConcurrentHashMap<>();
    private final Map<String, Outcome> deliveryOutcomes = new ConcurrentHashMap<>();

    private SmscSimulator(Settings settings, int port) throws IOException {
        this.settings = settings;
        this.serverSocket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofPlatform().daemon().name("smsc-simulator-accept-" + port()).start(this::accept);
    }

    /** Starts a simulator on a loopback port (0 picks a free one; see {@link #port()}). */
    public static SmscSimulator start(Settings settings, int port) throws IOException {
        return new SmscSimulator(settings, port);
    }

    /** Returns the port the simulator listens on. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Returns the simulator's settings. */
    public Settings settings() {
        return settings;
    }

    // ---- injections ----------------------------------------------------------------------------------------

    /** Refuses every Nth submit_sm with ESME_RTHROTTLED (0 stops it). */
    public void throttleEvery(int n) {
        this.throttleEvery = n;
    }

    /** Refuses the next {@code count} submit_sm with the status (ESME_RTHROTTLED 0x58 or ESME_RMSGQFUL 0x14). */
    public void throttleNext(int count, int commandStatus) {
        this.throttleStatus = commandStatus;
        this.throttleBurst.set(count);
    }

    /** Refuses every submit_sm to the E.164 number with the status, e.g. ESME_RINVDSTADR 0x0B. */
    public void refuseDestination(String e164, int commandStatus) {
        refusedDestinations.put(e164, commandStatus);
    }

    /** Reports messages to the E.164 number with this final state and error code in their receipts. */
    public void deliveryOutcome(String e164, State state, String errorCode) {
        deliveryOutcomes.put(e164, new Outcome(state, errorCode));
    }

    /** Drops every connection at once, without unbind, as a lost link does. */
    public void dropConnections() {
        List<SMPPServerSession> open = new ArrayList<>(sessions);
        sessions.removeAll(open);
        for (SMPPServerSession session : open) {
            session.close();
        }
        log.info("SMSC simulator dropped {} connection(s)", open.size());
    }

    /** Drops every connection right after {@code n} more submit_sm have been accepted (their responses race it). */
    public void dropConnectionsAfter(long n) {
        dropAtAccepted.set(accepted.get() + n);
    }

    /** Delivers a message from a customer's number to the ESME (split with UDH when long); waits for the ack. */
    public void injectMo(String fromE164, String to, String text) {
        SMPPServerSession session = anyReceivable();
        if (session == null) {
            throw new IllegalStateException("no ESME bound to receive");
        }
        SmsEncoding.Segments segments = SmsEncoding.segment(text);
        SmppAddress from = SmppAddress.destination(fromE164);
        SmppAddress recipient = SmppAddress.source(to);
        int reference = ThreadLocalRandom.current().nextInt(256);
        for (byte[] payload : ShortMessages.encode(segments, reference, settings.packedGsm7())) {
            try {
                session.deliverShortMessage("", from.ton(), from.npi(), from.address(), recipient.ton(),
                        recipient.npi(), recipient.address(),
                        new ESMClass(segments.concatenated() ? ShortMessages.ESM_UDHI : 0), (byte) 0, (byte) 0,
                        new RegisteredDelivery(0), new RawDataCoding(segments.alphabet().dataCoding()), payload);
            } catch (Exception e) {
                throw new IllegalStateException("MO delivery failed: " + e, e);
            }
        }
    }

    // ---- observations --------------------------------------------------------------------------------------

    /** Returns every whole message accepted so far, in order of completion (duplicates included). */
    public List<ReceivedSms> received() {
        return List.copyOf(received);
    }

    /** Returns how many times this text reached this recipient. */
    public int count(String destinationE164, String text) {
        AtomicInteger count = counts.get(new Key(destinationE164, text));
        return count == null ? 0 : count.get();
    }

    /** Returns the messages received more than once (each extra copy counted). */
    public long duplicates() {
        return counts.values().stream().mapToLong(c -> Math.max(0, c.get() - 1)).sum();
    }

    /** Returns the parts of concatenated messages received more than once (each extra copy counted). */
    public long duplicateParts() {
        return partCounts.values().stream().mapToLong(c -> Math.max(0, c.get() - 1)).sum();
    }

    /** Returns the number of distinct (recipient, text) messages received. */
    public int distinctMessages() {
        return counts.size();
    }

    /** Returns the submit_sm PDUs seen, accepted or not. */
    public long submits() {
        return submits.get();
    }

    /** Returns the submit_sm PDUs accepted with a message id. */
    public long accepted() {
        return accepted.get();
    }

    /** Returns the submit_sm PDUs refused with a throttling status. */
    public long throttled() {
        return throttled.get();
    }

    /** Returns the submit_sm PDUs refused for their destination. */
    public long refused() {
        return refused.get();
    }

    /** Returns the delivery receipts the ESME acknowledged. */
    public long receiptsSent() {
        return receiptsSent.get();
    }

    /** Returns the successful binds since start. */
    public int binds() {
        return binds.get();
    }

    /** Returns the sessions bound now. */
    public int boundSessions() {
        return (int) sessions.stream().filter(s -> s.getSessionState().isBound()).count();
    }

    /** Waits until at least {@code messages} whole messages were received; returns whether they were. */
    public boolean awaitReceived(int messages, Duration timeout) throws InterruptedException {
        return awaitCount(() -> received.size() >= messages, timeout);
    }

    /** Waits until at least {@code receipts} receipts were acknowledged; returns whether they were. */
    public boolean awaitReceipts(long receipts, Duration timeout) throws InterruptedException {
        return awaitCount(() -> receiptsSent.get() >= receipts, timeout);
    }

    /** Stops listening and drops every connection. */
    @Override
    public void close() {
        running = false;
        try {
            serverSocket.close();
        } catch (IOException e) {
            log.debug("closing the SMSC simulator's socket: {}", e.getMessage());
        }
        acceptor.interrupt();
        for (SMPPServerSession session : List.copyOf(sessions)) {
            session.unbindAndClose();
        }
        timer.shutdownNow();
        workers.shutdownNow();
    }

    // ---- binds ---------------------------------------------------------------------------------------------

    private void accept() {
        while (running) {
            try {
                SMPPServerSession session = session(serverSocket.accept());
                workers.execute(() -> awaitBind(session));
            } catch (IOException e) {
                if (running) {
                    log.warn("SMSC simulator accept failed: {}", e.getMessage());
                }
            } catch (RuntimeException e) {
                log.warn("SMSC simulator accept failed", e);
            }
        }
    }

    /**
     * Builds the session of an accepted socket as jSMPP's {@code SMPPServerSessionListener.accept()} does, with Nagle
     * off and the unsynchronised PDU sender of {@link SmppConnection} (receipts and responses write under its lock).
     */
    private SMPPServerSession session(Socket accepted) throws IOException {
        accepted.setTcpNoDelay(true);
        Connection connection = new SmppConnection(accepted);
        connection.setSoTimeout(BIND_WAIT_MILLIS);
        return new SMPPServerSession(connection, (newState, oldState, source) -> {
            if (newState == SessionState.CLOSED) {
                sessions.remove(source);
            }
        }, receiver, responsesSent, settings.processorThreads(), 1_000, SmppConnection.sender(),
                SmppConnection.reader());
    }

    private void awaitBind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(BIND_WAIT_MILLIS);
            if (!settings.systemId().equals(request.getSystemId())) {
                request.reject(CommandStatus.ESME_RINVSYSID);
                session.close();
                return;
            }
            if (!settings.password().equals(request.getPassword())) {
                request.reject(CommandStatus.ESME_RINVPASWD);
                session.close();
                return;
            }
            request.accept(settings.systemId(), InterfaceVersion.IF_34);
            sessions.add(session);
            binds.incrementAndGet();
            for (PendingReceipt receipt; (receipt = undelivered.poll()) != null; ) {
                PendingReceipt waiting = receipt;
                workers.execute(() -> deliverReceipt(waiting));
            }
        } catch (Exception e) {
            log.info("SMSC simulator bind failed: {}", e.toString());
            session.close();
        }
    }

    private SMPPServerSession anyReceivable() {
        for (SMPPServerSession session : sessions) {
            if (session.getSessionState().isReceivable()) {
                return session;
            }
        }
        return null;
    }

    // ---- submits and receipts ------------------------------------------------------------------------------

    private SubmitSmResult submit(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
        long n = submits.incrementAndGet();
        int every = throttleEvery;
        boolean burst = throttleBurst.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
        if (burst || every > 0 && n % every == 0) {
            throttled.incrementAndGet();
            throw new ProcessRequestException("throttled", burst ? throttleStatus : CommandStatus.ESME_RTHROTTLED);
        }
        String destination = SmppAddress.received(submitSm.getDestAddrTon(), submitSm.getDestAddress());
        Integer refusal = refusedDestinations.get(destination);
        if (refusal != null) {
            refused.incrementAndGet();
            throw new ProcessRequestException("destination refused", refusal);
        }
        String sourceAddress = SmppAddress.received(submitSm.getSourceAddrTon(), submitSm.getSourceAddr());
        String messageId = messageId(nextId.incrementAndGet());
        ShortMessages.Decoded decoded = ShortMessages.decode(submitSm.getDataCoding(), submitSm.isUdhi(),
                submitSm.getShortMessage(), settings.packedGsm7());
        if (decoded.concatenated()) {
            ShortMessages.Concatenation header = decoded.concatenation();
            partCounts.computeIfAbsent(new PartKey(destination, header.reference(), header.total(),
                    header.sequence(), decoded.text()), k -> new AtomicInteger()).incrementAndGet();
            assembler.add(sourceAddress, destination, decoded.concatenation(), decoded.text(), messageId)
                    .ifPresent(whole -> record(new ReceivedSms(sourceAddress, destination, whole.text(),
                            whole.partIds())));
        } else {
            record(new ReceivedSms(sourceAddress, destination, decoded.text(), List.of(messageId)));
        }
        if (settings.receiptDelay() != null && (submitSm.getRegisteredDelivery() & 0x03) != 0) {
            Outcome outcome = deliveryOutcomes.getOrDefault(destination, new Outcome(State.DELIVERED, "000"));
            awaitingResponse.put(messageId, new PendingReceipt(messageId,
                    new Address(submitSm.getDestAddrTon(), submitSm.getDestAddrNpi(), submitSm.getDestAddress()),
                    new Address(submitSm.getSourceAddrTon(), submitSm.getSourceAddrNpi(), submitSm.getSourceAddr()),
                    outcome.state(), outcome.error(), now(), textStart(decoded.text()), source, 0));
        }
        long acceptedNow = accepted.incrementAndGet();
        if (acceptedNow == dropAtAccepted.get()) {
            workers.execute(this::dropConnections);
        }
        try {
            return new SubmitSmResult(new MessageId(messageId), new OptionalParameter[0]);
        } catch (Exception e) {
            throw new ProcessRequestException("message id " + messageId + ": " + e.getMessage(),
                    CommandStatus.ESME_RSYSERR);
        }
    }

    /** Returns the SMSC id of the nth accepted part: this simulator's prefix and n as 8 hex digits (or more). */
    private String messageId(long n) {
        String hex = Long.toHexString(n);
        return idPrefix + "0".repeat(Math.max(0, 8 - hex.length())) + hex;
    }

    private void record(ReceivedSms sms) {
        received.add(sms);
        counts.computeIfAbsent(new Key(sms.destination(), sms.text()), k -> new AtomicInteger()).incrementAndGet();
    }

    private void scheduleReceipt(String messageId) {
        PendingReceipt receipt = awaitingResponse.remove(messageId);
        if (receipt != null && running) {
            timer.schedule(() -> workers.execute(() -> deliverReceipt(receipt)),
                    settings.receiptDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void deliverReceipt(PendingReceipt receipt) {
        SMPPServerSession session = receipt.origin() != null && receipt.origin().getSessionState().isReceivable()
                ? receipt.origin() : anyReceivable();
        if (session == null) {
            undelivered.add(receipt.retry()); // delivered on the next bind
            return;
        }
        String text = DeliveryReceipt.format(receipt.messageId(), receipt.state(), receipt.error(),
                receipt.submitted(), now(), receipt.textStart());
        boolean permit = false;
        try {
            receiptWindow.acquire();
            permit = true;
            session.deliverShortMessage("", receipt.handset().typeOfNumber(), receipt.handset().plan(),
                    receipt.handset().address(), receipt.esme().typeOfNumber(), receipt.esme().plan(),
                    receipt.esme().address(), new ESMClass(ShortMessages.ESM_DELIVERY_RECEIPT), (byte) 0, (byte) 0,
                    new RegisteredDelivery(0), DataCodings.ZERO, text.getBytes(StandardCharsets.ISO_8859_1),
                    new OptionalParameter.Receipted_message_id(receipt.messageId()),
                    new OptionalParameter.Message_state((byte) receipt.state().messageState()));
            receiptsSent.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // refused (the ESME asks to redeliver or to slow down), no response, or link lost: try again later
            if (running && receipt.attempt() + 1 < RECEIPT_ATTEMPTS) {
                timer.schedule(() -> workers.execute(() -> deliverReceipt(receipt.retry())), 1, TimeUnit.SECONDS);
            }
        } finally {
            if (permit) {
                receiptWindow.release();
            }
        }
    }

    /** Returns the first 20 characters of the text for the receipt's {@code text:} field, printable ASCII only. */
    private static String textStart(String text) {
        StringBuilder start = new StringBuilder(20);
        for (int i = 0; i < text.length() && start.length() < 20; i++) {
            char c = text.charAt(i);
            start.append(c >= 0x20 && c < 0x7F ? c : '.');
        }
        return start.toString();
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(settings.clock().instant(), ZoneOffset.UTC);
    }

    private static boolean awaitCount(java.util.function.BooleanSupplier done, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Schedules each receipt once the submit_sm_resp carrying its id is on the wire. */
    private final class ResponsesSent implements ServerResponseDeliveryListener {

        @Override
        public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
            scheduleReceipt(result.getMessageId());
        }

        @Override
        public void onSubmitSmRespError(SubmitSmResult result, Exception cause, SMPPServerSession source) {
            scheduleReceipt(result.getMessageId()); // the message was accepted even if its response got lost
        }

        @Override
        public void onSubmitMultiRespSent(SubmitMultiResult result, SMPPServerSession source) {
        }

        @Override
        public void onSubmitMultiRespError(SubmitMultiResult result, Exception cause, SMPPServerSession source) {
        }
    }

    /** Answers the PDUs of bound ESMEs: submit_sm is handled, the rest is refused as unsupported. */
    private final class Receiver implements ServerMessageReceiverListener {

        private static final int ESME_RINVCMDID = 0x03;

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
                throws ProcessRequestException {
            return submit(submitSm, source);
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("submit_multi is not supported", ESME_RINVCMDID);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("query_sm is not supported", ESME_RINVCMDID);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("replace_sm is not supported", ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("cancel_sm is not supported", ESME_RINVCMDID);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("broadcast_sm is not supported", ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("cancel_broadcast_sm is not supported", ESME_RINVCMDID);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
                                                               SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("query_broadcast_sm is not supported", ESME_RINVCMDID);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not supported", ESME_RINVCMDID);
        }
    }
}
