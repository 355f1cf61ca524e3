package dev.arrears.contact.sms;

import dev.arrears.contact.sms.CommandStatus.Treatment;
import dev.arrears.contact.sms.SmsEncoding.Segments;
import dev.arrears.contact.sms.SubmitResult.Failed;
import dev.arrears.contact.sms.SubmitResult.Failure;
import dev.arrears.contact.sms.SubmitResult.Submitted;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.connection.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Sends SMS over one persistent SMPP 3.4 transceiver bind, so that delivery receipts and customer replies come
 * back on the same link. A background thread binds, and binds again with doubling pauses whenever the link drops;
 * jSMPP sends enquire_link when the link is idle. At most {@code window} submit_sm are outstanding at once across
 * all callers: jSMPP blocks each submitting thread until its submit_sm_resp, so callers submit from many threads
 * (the virtual threads of {@link #submitAsync}, or the dispatch's workers). Long texts go as parts with a
 * concatenation header, sent in order, each part waiting for its response before the next. ESME_RTHROTTLED and
 * ESME_RMSGQFUL pause every submitter and retry the same part; a part still throttled after the retries fails
 * TRANSIENT. Receipts and replies reach the listeners on jSMPP's PDU processor threads, and the deliver_sm is
 * acknowledged only after the listener returns: a listener that throws gets the deliver_sm refused with
 * ESME_RX_T_APPN and the SMSC delivers it again, so listeners must be idempotent. <b>Exactly once:</b> each
 * part's SMSC message id is handed to the {@code onPart} callback the moment its submit_sm_resp arrives and before
 * the next part is sent; the dispatch stores it there, and after a restart passes the stored ids in {@link
 * SmsRequest#acceptedPartIds()} so those parts are not sent again. What remains is the window between writing a
 * submit_sm and reading its submit_sm_resp: if the process dies there (or the link drops, reported as {@link
 * Failed#maybeAccepted()}), the SMSC may have accepted the part while no id was stored, and a resend delivers that
 * part twice. The window lasts one round trip (at most {@code responseTimeout}) and holds at most {@code window}
 * parts at any moment, which bounds the duplicates one crash can cause. A write that fails is not in the window:
 * a PDU cut short never reaches the SMSC's queue, so such a part is retried here.
 */
public final class SmppSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmppSender.class);

    /** jSMPP threads that decode incoming PDUs (responses, receipts) in parallel. */
    private static final int PDU_PROCESSORS = 3;
    /** Pause after a failed write before asking for the bind again, so a dying link is not spun on (ms). */
    private static final long LINK_LOST_PAUSE_MILLIS = 10;
    /** The longest wait for an unbind_resp on close (ms). */
    private static final long UNBIND_WAIT_MILLIS = 500;

    private final SmppProperties properties;
    private final SmppAddress defaultSource;
    private final Semaphore window;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition linkChanged = lock.newCondition();
    private final AtomicLong resumeAtNanos = new AtomicLong(System.nanoTime());
    private final AtomicInteger binds = new AtomicInteger();
    private final ExecutorService submitters = Executors.newVirtualThreadPerTaskExecutor();
    private final PartAssembler inboundParts = new PartAssembler(1_000);
    private volatile Consumer<DeliveryReceipt> receiptListener = receipt -> { };
    private volatile Consumer<InboundSms> inboundListener = sms -> { };

    // guarded by lock
    private SMPPSession session;
    private boolean running;
    private Thread binder;

    /** Creates a sender for the configured SMSC; {@link #start()} binds. */
    public SmppSender(SmppProperties properties) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.defaultSource = SmppAddress.source(properties.sourceAddress());
        this.window = new Semaphore(properties.window());
    }

    /**
     * Sets the listener of delivery receipts; register it before {@link #start()} so that none is missed. A
     * receipt can overtake the {@code onPart} callback of its own part; a listener that does not know the id yet
     * may throw, and the SMSC delivers the receipt again later.
     */
    public void onReceipt(Consumer<DeliveryReceipt> listener) {
        this.receiptListener = Objects.requireNonNull(listener);
    }

    /** Sets the listener of messages from customers (replies such as STOP); register it before start. */
    public void onInbound(Consumer<InboundSms> listener) {
        this.inboundListener = Objects.requireNonNull(listener);
    }

    /** Starts binding in the background; returns at once. */
    public void start() {
        lock.lock();
        try {
            if (running) {
                return;
            }
            running = true;
            binder = Thread.ofPlatform().daemon().name("smpp-bind-" + properties.systemId()).start(this::keepBound);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the link is bound; returns whether it is. */
    public boolean awaitBound(Duration timeout) throws InterruptedException {
        return awaitSession(System.nanoTime() + timeout.toNanos()) != null;
    }

    /** Returns whether the link is bound now. */
    public boolean isBound() {
        lock.lock();
        try {
            return session != null && session.getSessionState().isBound();
        } finally {
            lock.unlock();
        }
    }

    /** Returns how many times the link has been bound since start (1 plus the re-binds). */
    public int binds() {
        return binds.get();
    }

    /** Submits a text from a sender (null for the configured one) to an E.164 number; blocks until done. */
    public SubmitResult submit(String jobKey, String from, String toE164, String text) {
        return submit(SmsRequest.of(jobKey, from, toE164, text), accepted -> { });
    }

    /**
     * Submits every part of the message not yet accepted, in order, calling {@code onPart} as each part is
     * accepted; blocks until all are accepted or one fails.
     */
    public SubmitResult submit(SmsRequest request, Consumer<PartAccepted> onPart) {
        String jobKey = request.jobKey();
        List<String> ids = new ArrayList<>(request.acceptedPartIds());
        Segments segments = SmsEncoding.segment(request.text());
        int parts = segments.count();
        if (ids.size() > parts) {
            throw new IllegalArgumentException("%d part ids given for a message of %d parts"
                    .formatted(ids.size(), parts));
        }
        if (!SmppAddress.isE164(request.toE164())) {
            return new Failed(jobKey, ids, parts, Failure.PERMANENT, CommandStatus.ESME_RINVDSTADR,
                    "destination is not an E.164 number: " + request.toE164(), false);
        }
        SmppAddress source;
        try {
            source = request.from() == null ? defaultSource : SmppAddress.source(request.from());
        } catch (IllegalArgumentException e) {
            return new Failed(jobKey, ids, parts, Failure.PERMANENT, CommandStatus.ESME_RINVSRCADR, e.getMessage(),
                    false);
        }
        SmppAddress destination = SmppAddress.destination(request.toE164());
        List<byte[]> payloads = ShortMessages.encode(segments, ShortMessages.reference(jobKey),
                properties.packedGsm7());
        Message message = new Message(source, destination,
                new ESMClass(segments.concatenated() ? ShortMessages.ESM_UDHI : 0),
                new RawDataCoding(segments.alphabet().dataCoding()));
        for (int part = ids.size(); part < parts; part++) {
            PartOutcome outcome = submitPart(message, payloads.get(part));
            switch (outcome) {
                case Accepted(String messageId) -> {
                    ids.add(messageId);
                    onPart.accept(new PartAccepted(jobKey, part + 1, parts, messageId));
                }
                case Refused(Failure failure, int status, String reason, boolean maybeAccepted) -> {
                    return new Failed(jobKey, ids, parts, failure, status,
                            parts > 1 ? "part %d of %d: %s".formatted(part + 1, parts, reason) : reason,
                            maybeAccepted);
                }
            }
        }
        return new Submitted(jobKey, ids);
    }

    /** Submits on a virtual thread; the window still bounds how many submits are outstanding. */
    public CompletableFuture<SubmitResult> submitAsync(SmsRequest request, Consumer<PartAccepted> onPart) {
        return CompletableFuture.supplyAsync(() -> submit(request, onPart), submitters);
    }

    /** Unbinds and stops re-binding; outstanding submits fail TRANSIENT. */
    @Override
    public void close() {
        SMPPSession last;
        Thread thread;
        lock.lock();
        try {
            running = false;
            last = session;
            session = null;
            thread = binder;
            linkChanged.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(properties.responseTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (last != null) {
            // jSMPP may drop an unbind_resp that races the SMSC closing the socket; do not wait long for it
            last.setTransactionTimer(Math.min(properties.responseTimeout().toMillis(), UNBIND_WAIT_MILLIS));
            last.unbindAndClose();
        }
        submitters.shutdown();
    }

    // ---- submitting ----------------------------------------------------------------------------------------

    private record Message(SmppAddress source, SmppAddress destination, ESMClass esmClass, DataCoding dataCoding) {
    }

    private sealed interface PartOutcome permits Accepted, Refused {
    }

    private record Accepted(String messageId) implements PartOutcome {
    }

    private record Refused(Failure failure, int status, String reason, boolean maybeAccepted) implements PartOutcome {
    }

    /** Submits one part until accepted, refused, or out of throttling retries or of time to wait for a bind. */
    private PartOutcome submitPart(Message message, byte[] payload) {
        long bindDeadline = System.nanoTime() + properties.unboundWait().toNanos();
        RegisteredDelivery receipt = new RegisteredDelivery(properties.deliveryReceipts()
                ? SMSCDeliveryReceipt.SUCCESS_FAILURE : SMSCDeliveryReceipt.DEFAULT);
        int throttled = 0;
        while (true) {
            boolean permit = false;
            try {
                pauseWhileThrottled();
                SMPPSession link = awaitSession(bindDeadline);
                if (link == null) {
                    return new Refused(Failure.TRANSIENT, -1, isRunning() ? "no SMPP bind within "
                            + properties.unboundWait().toMillis() + " ms" : "SMPP sender closed", false);
                }
                window.acquire();
                permit = true;
                String messageId = link.submitShortMessage("",
                        message.source().ton(), message.source().npi(), message.source().address(),
                        message.destination().ton(), message.destination().npi(), message.destination().address(),
                        message.esmClass(), (byte) 0, (byte) 0, null, null, receipt, (byte) 0,
                        message.dataCoding(), (byte) 0, payload).getMessageId();
                return new Accepted(messageId);
            } catch (NegativeResponseException e) {
                int status = e.getCommandStatus();
                Treatment treatment = CommandStatus.classify(status);
                if (treatment != Treatment.THROTTLED) {
                    Failure failure = treatment == Treatment.PERMANENT ? Failure.PERMANENT : Failure.TRANSIENT;
                    return new Refused(failure, status, CommandStatus.describe(status), false);
                }
                throttled++;
                if (throttled > properties.throttleRetries()) {
                    return new Refused(Failure.TRANSIENT, status, "%s after %d retries"
                            .formatted(CommandStatus.describe(status), properties.throttleRetries()), false);
                }
                pauseEveryone(backoff(properties.throttleBackoff(), throttled, Duration.ofSeconds(30)));
            } catch (ResponseTimeoutException e) {
                return new Refused(Failure.TRANSIENT, -1, "no submit_sm_resp within "
                        + properties.responseTimeout().toMillis() + " ms", true);
            } catch (InvalidResponseException e) {
                return new Refused(Failure.TRANSIENT, -1, "invalid submit_sm_resp: " + e.getMessage(), true);
            } catch (PDUException e) {
                return new Refused(Failure.PERMANENT, -1, "invalid submit_sm field: " + e.getMessage(), false);
            } catch (IOException e) {
                // Not bound or the write failed: the PDU did not reach the SMSC whole, so the part is sent again
                // on the next bind (within unboundWait).
                signalLinkChange();
                if (System.nanoTime() - bindDeadline > 0) {
                    return new Refused(Failure.TRANSIENT, -1, "SMPP link lost: " + e.getMessage(), false);
                }
                sleepQuietly(LINK_LOST_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Refused(Failure.TRANSIENT, -1, "interrupted", false);
            } finally {
                if (permit) {
                    window.release();
                }
            }
        }
    }

    /** Holds every submitter back until {@code pause} from now (or later, if another throttle said so). */
    private void pauseEveryone(Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        resumeAtNanos.accumulateAndGet(until, (current, next) -> next - current > 0 ? next : current);
    }

    private void pauseWhileThrottled() throws InterruptedException {
        long wait = resumeAtNanos.get() - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Returns {@code base × 2^(attempt−1)}, capped, with up to half of it taken off at random (jitter). */
    private static Duration backoff(Duration base, int attempt, Duration cap) {
        long millis = base.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.max(1, Math.min(millis, cap.toMillis()));
        return Duration.ofMillis(capped - ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    // ---- the bind ------------------------------------------------------------------------------------------

    /** Binds, and binds again whenever the link is lost, until closed. */
    private void keepBound() {
        int failures = 0;
        while (isRunning()) {
            SMPPSession stale = null;
            lock.lock();
            try {
                if (session != null && session.getSessionState().isBound()) {
                    linkChanged.await(properties.enquireLinkInterval().toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                stale = session;
                session = null;
            } catch (InterruptedException e) {
                continue; // close() interrupts; the loop condition decides
            } finally {
                lock.unlock();
            }
            if (stale != null) {
                log.warn("SMPP link to {}:{} lost ({}); binding again", properties.host(), properties.port(),
                        stale.getSessionState());
                stale.close();
            }
            try {
                SMPPSession fresh = bind();
                failures = 0;
                if (!publish(fresh)) {
                    fresh.unbindAndClose();
                }
            } catch (IOException | RuntimeException e) {
                failures++;
                Duration pause = backoff(properties.bindRetry(), failures, properties.bindRetryMax());
                log.warn("SMPP bind to {}:{} failed ({}); next attempt in {} ms", properties.host(),
                        properties.port(), e.getMessage(), pause.toMillis());
                sleepQuietly(pause.toMillis());
            }
        }
    }

    private SMPPSession bind() throws IOException {
        SMPPSession fresh = new SMPPSession(SmppConnection.sender(), SmppConnection.reader(),
                connections((int) properties.responseTimeout().toMillis()));
        fresh.setEnquireLinkTimer((int) properties.enquireLinkInterval().toMillis());
        fresh.setTransactionTimer(properties.responseTimeout().toMillis());
        fresh.setPduProcessorDegree(PDU_PROCESSORS);
        // incoming PDUs waiting for a processor; beyond it jSMPP refuses deliver_sm with ESME_RTHROTTLED
        fresh.setQueueCapacity(Math.max(1_000, properties.window() * 10));
        fresh.setMessageReceiverListener(new Receiver());
        fresh.addSessionStateListener((newState, oldState, source) -> {
            if (!newState.isBound() && oldState.isBound()) {
                signalLinkChange();
            }
        });
        fresh.connectAndBind(properties.host(), properties.port(), new BindParameter(BindType.BIND_TRX,
                properties.systemId(), properties.password(), properties.systemType(), TypeOfNumber.UNKNOWN,
                NumberingPlanIndicator.UNKNOWN, null, InterfaceVersion.IF_34),
                properties.responseTimeout().toMillis());
        return fresh;
    }

    /** Makes a freshly bound session the current one; returns false when the sender was closed meanwhile. */
    private boolean publish(SMPPSession fresh) {
        lock.lock();
        try {
            if (!running) {
                return false;
            }
            session = fresh;
            int count = binds.incrementAndGet();
            log.info("SMPP bound to {}:{} as {} (bind {})", properties.host(), properties.port(),
                    properties.systemId(), count);
            linkChanged.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Returns the bound session, waiting for one until the deadline (System.nanoTime); null if none came. */
    private SMPPSession awaitSession(long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (running && (session == null || !session.getSessionState().isBound())) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                linkChanged.awaitNanos(left);
            }
            return running ? session : null;
        } finally {
            lock.unlock();
        }
    }

    private void signalLinkChange() {
        lock.lock();
        try {
            linkChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private boolean isRunning() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Opens sockets with Nagle off (a submit_sm is one small write waiting for its response) and a timeout. */
    private static ConnectionFactory connections(int connectTimeoutMillis) {
        return (host, port) -> {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            return new SmppConnection(socket);
        };
    }

    // ---- receiving -----------------------------------------------------------------------------------------

    /** Turns deliver_sm into receipts and inbound messages; runs on jSMPP's PDU processor threads. */
    private final class Receiver implements MessageReceiverListener {

        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            try {
                if (MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
                    receipt(deliverSm);
                } else {
                    inbound(deliverSm);
                }
            } catch (RuntimeException e) {
                log.warn("SMS listener failed; the SMSC will deliver again: {}", e.toString());
                throw new ProcessRequestException("listener failed: " + e.getMessage(),
                        CommandStatus.ESME_RX_T_APPN);
            }
        }

        private void receipt(DeliverSm deliverSm) {
            String recipient = SmppAddress.received(deliverSm.getSourceAddrTon(), deliverSm.getSourceAddr());
            String text = ShortMessages.decode(deliverSm.getDataCoding(), false, deliverSm.getShortMessage(),
                    properties.packedGsm7()).text();
            String receiptedId = null;
            if (deliverSm.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID)
                    instanceof OptionalParameter.COctetString id) {
                receiptedId = id.getValueAsString();
            }
            Integer messageState = null;
            if (deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE)
                    instanceof OptionalParameter.Byte state) {
                messageState = (int) state.getValue();
            }
            DeliveryReceipt parsed = DeliveryReceipt.parse(text, recipient, properties.smscZone()).orElse(null);
            if (parsed == null && receiptedId != null && messageState != null) {
                DeliveryReceipt.State state = DeliveryReceipt.State.ofMessageState(messageState);
                parsed = new DeliveryReceipt(receiptedId, state, state.stat(), "000", null, recipient);
            }
            if (parsed == null) {
                log.warn("Unreadable delivery receipt from {} acknowledged and dropped: {}", recipient, text);
                return;
            }
            receiptListener.accept(parsed.withParameters(receiptedId, messageState));
        }

        private void inbound(DeliverSm deliverSm) {
            String from = SmppAddress.received(deliverSm.getSourceAddrTon(), deliverSm.getSourceAddr());
            String to = SmppAddress.received(deliverSm.getDestAddrTon(), deliverSm.getDestAddress());
            ShortMessages.Decoded decoded = ShortMessages.decode(deliverSm.getDataCoding(), deliverSm.isUdhi(),
                    deliverSm.getShortMessage(), properties.packedGsm7());
            if (!decoded.concatenated()) {
                inboundListener.accept(new InboundSms(from, to, decoded.text()));
                return;
            }
            inboundParts.add(from, to, decoded.concatenation(), decoded.text(), null)
                    .ifPresent(whole -> inboundListener.accept(new InboundSms(from, to, whole.text())));
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
            // alert_notification tells that a handset is reachable again; the SMSC retries its own queue
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not supported", 0x03); // ESME_RINVCMDID
        }
    }
}
