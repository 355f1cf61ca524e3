package dev.arrears.strategy.domain;

import java.util.List;

/** Facts for tests: a current low-risk telecom account by default, each field settable by name. */
public final class FactsFixture {

    public long accountId = 1;
    public double balance = 150.0;
    public double overdueAmount = 50.0;
    public long daysPastDue = 5;
    public String bucket = "DPD_1_30";
    public String productLine = "TELECOM_POSTPAID";
    public String currency = "CNY";
    public String status = "ACTIVE";
    public double creditLimit = 0;
    public String customerType = "PERSON";
    public String locale = "zh-CN";
    public String timeZone = "Asia/Shanghai";
    public long tenureMonths = 24;
    public boolean hasApp = true;
    public List<String> channels = List.of("SMS", "EMAIL", "PUSH");
    public long timesDelinquent12m = 1;
    public long maxDaysPastDue12m = 5;
    public double onTimeRatio12m = 0.9;
    public long brokenPromises90d = 0;
    public long complaints90d = 0;
    public long lastContactDaysAgo = Facts.NEVER;
    public long scoreValue = 650;
    public String scoreGrade = "B";
    public long caseOpenDays = 0;
    public long caseStep = 0;
    public String caseVariant = "";
    public boolean promiseActive = false;
    public boolean disputeOpen = false;
    public List<String> scoreReasons = List.of();
    public double scoreMissRisk = 0.0;
    public long reversedPayments30d = 0;

    /** Returns the facts. */
    public Facts build() {
        return new Facts(accountId, balance, overdueAmount, daysPastDue, bucket, productLine, currency, status,
                creditLimit, customerType, locale, timeZone, tenureMonths, hasApp, channels, timesDelinquent12m,
                maxDaysPastDue12m, onTimeRatio12m, brokenPromises90d, complaints90d, lastContactDaysAgo, scoreValue,
                scoreGrade, caseOpenDays, caseStep, caseVariant, promiseActive, disputeOpen, scoreReasons,
                scoreMissRisk, reversedPayments30d);
    }

    /** Returns default facts with the given changes. */
    public static Facts facts(java.util.function.Consumer<FactsFixture> changes) {
        FactsFixture f = new FactsFixture();
        changes.accept(f);
        return f.build();
    }
}
