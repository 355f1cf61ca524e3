package dev.arrears.scoring.features;

import dev.arrears.scoring.model.Column;

import java.util.List;

/**
 * The scoring features, defined once: their names, column types and order are what the training sets are built
 * with and what the scoring run hands to a model, so both sides agree. Every feature of an account is computed as
 * of a date from rows dated on or before it (see {@link FeatureReader} and docs/scoring.md). Numeric features are
 * NaN when missing, categorical ones null. Amounts are major units as doubles: features, not money.
 */
public final class Features {

    public static final String ON_TIME_RATIO_3M = "onTimeRatio3m";
    public static final String ON_TIME_RATIO_6M = "onTimeRatio6m";
    public static final String ON_TIME_RATIO_12M = "onTimeRatio12m";
    public static final String TIMES_DELINQUENT_3M = "timesDelinquent3m";
    public static final String TIMES_DELINQUENT_6M = "timesDelinquent6m";
    public static final String TIMES_DELINQUENT_12M = "timesDelinquent12m";
    public static final String MAX_DPD_3M = "maxDaysPastDue3m";
    public static final String MAX_DPD_6M = "maxDaysPastDue6m";
    public static final String MAX_DPD_12M = "maxDaysPastDue12m";
    public static final String DPD_TREND = "dpdTrend";
    public static final String LATE_BILLS_TREND = "lateBillsTrend";
    public static final String DAYS_PAST_DUE = "daysPastDue";
    public static final String BALANCE = "balance";
    public static final String OVERDUE = "overdue";
    public static final String UTILISATION = "utilisation";
    public static final String TENURE_MONTHS = "tenureMonths";
    public static final String AVG_BILL_6M = "avgBill6m";
    public static final String BILL_VOLATILITY_6M = "billVolatility6m";
    public static final String PAID_TO_BILLED_6M = "paidToBilled6m";
    public static final String BROKEN_PROMISES_90D = "brokenPromises90d";
    public static final String BROKEN_PROMISES_12M = "brokenPromises12m";
    public static final String DISPUTES_12M = "disputes12m";
    public static final String CONTACT_RESPONSE_90D = "contactResponse90d";
    public static final String DAYS_SINCE_LAST_PAYMENT = "daysSinceLastPayment";
    public static final String PRODUCT_LINE = "productLine";
    public static final String CUSTOMER_TYPE = "customerType";

    /** The columns in their fixed order. */
    public static final List<Column> COLUMNS = List.of(
            Column.numeric(ON_TIME_RATIO_3M), Column.numeric(ON_TIME_RATIO_6M), Column.numeric(ON_TIME_RATIO_12M),
            Column.numeric(TIMES_DELINQUENT_3M), Column.numeric(TIMES_DELINQUENT_6M),
            Column.numeric(TIMES_DELINQUENT_12M),
            Column.numeric(MAX_DPD_3M), Column.numeric(MAX_DPD_6M), Column.numeric(MAX_DPD_12M),
            Column.numeric(DPD_TREND), Column.numeric(LATE_BILLS_TREND), Column.numeric(DAYS_PAST_DUE),
            Column.numeric(BALANCE), Column.numeric(OVERDUE), Column.numeric(UTILISATION),
            Column.numeric(TENURE_MONTHS), Column.numeric(AVG_BILL_6M), Column.numeric(BILL_VOLATILITY_6M),
            Column.numeric(PAID_TO_BILLED_6M),
            Column.numeric(BROKEN_PROMISES_90D), Column.numeric(BROKEN_PROMISES_12M), Column.numeric(DISPUTES_12M),
            Column.numeric(CONTACT_RESPONSE_90D), Column.numeric(DAYS_SINCE_LAST_PAYMENT),
            Column.categorical(PRODUCT_LINE), Column.categorical(CUSTOMER_TYPE));

    /** Number of columns. */
    public static final int COUNT = COLUMNS.size();

    private Features() {
    }

    /** Returns the index of a feature in {@link #COLUMNS}; throws when there is none of that name. */
    public static int index(String name) {
        for (int i = 0; i < COUNT; i++) {
            if (COLUMNS.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no feature " + name);
    }

    /** Returns the feature names in order. */
    public static List<String> names() {
        return COLUMNS.stream().map(Column::name).toList();
    }
}
