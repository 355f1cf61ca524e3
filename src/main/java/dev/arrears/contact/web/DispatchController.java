package dev.arrears.contact.web;

import dev.arrears.contact.ContactViews.DispatchReport;
import dev.arrears.contact.ContactViews.JobFilter;
import dev.arrears.contact.ContactViews.JobView;
import dev.arrears.contact.Dispatch;
import dev.arrears.ledger.Views.Page;
import dev.arrears.shared.Channel;
import dev.arrears.shared.NotFoundException;
import dev.arrears.shared.Parameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dispatch jobs over JSON, and one pass of dispatch on request. */
@RestController
@RequestMapping("/api/v1/dispatch")
@Tag(name = "Dispatch", description = "Jobs made from due planned messages, their attempts and results")
class DispatchController {

    enum JobState { PENDING, CLAIMED, SENT, BLOCKED, CANCELLED, FAILED, UNCERTAIN }

    private final Dispatch dispatch;

    DispatchController(Dispatch dispatch) {
        this.dispatch = dispatch;
    }

    @GetMapping("/jobs")
    @Operation(summary = "List dispatch jobs, newest first, filtered by account, state and channel")
    Page<JobView> jobs(@RequestParam(name = "account", required = false) String account,
                       @RequestParam(name = "state", required = false) String state,
                       @RequestParam(name = "channel", required = false) String channel,
                       @RequestParam(name = "page", required = false) String page,
                       @RequestParam(name = "size", required = false) String size) {
        Parameters p = new Parameters();
        JobState s = p.oneOf("state", state, JobState.class);
        JobFilter filter = new JobFilter(p.id("account", account), s == null ? null : s.name(),
                p.oneOf("channel", channel, Channel.class), p.integer("page", page, 0, 0, 1_000_000),
                p.integer("size", size, 50, 1, 500));
        p.check();
        return dispatch.jobs(filter);
    }

    @GetMapping("/jobs/{id}")
    @Operation(summary = "Show a dispatch job")
    JobView job(@PathVariable("id") String id) {
        long jobId = Paths.id(id);
        return dispatch.job(jobId).orElseThrow(() -> new NotFoundException("No dispatch job with id " + jobId));
    }

    @PostMapping("/runs")
    @Operation(summary = "Run one pass of dispatch now: enqueue what is due and send what may go; answers what it did")
    DispatchReport run() {
        return dispatch.runOnce();
    }
}
