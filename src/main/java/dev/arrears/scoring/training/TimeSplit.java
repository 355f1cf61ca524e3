package dev.arrears.scoring.training;

import java.time.LocalDate;

/**
 * The time-based split of a history into a training and a test set, relative to the history's first day: train on
 * features as of month 6 with labels from the 60 days after (months 7 and 8), test on features as of month 10 with
 * labels from months 11 and 12. The training labels end before the test's as-of date, so no training label saw
 * a day the test set is scored on.
 *
 * @param trainAsOf      as-of date of the training features
 * @param trainLabelsEnd last day of the training labels' window
 * @param testAsOf       as-of date of the test features
 * @param testLabelsEnd  last day of the test labels' window
 */
public record TimeSplit(LocalDate trainAsOf, LocalDate trainLabelsEnd, LocalDate testAsOf, LocalDate testLabelsEnd) {

    /** Days after the as-of date that labels look at. */
    public static final int LABEL_DAYS = 60;

    public TimeSplit {
        if (!trainLabelsEnd.isBefore(testAsOf)) {
            throw new IllegalArgumentException("the training labels (to " + trainLabelsEnd
                    + ") must end before the test as-of date " + testAsOf);
        }
    }

    /** Returns the split of a history that starts on {@code first} (the earliest bill's issue date). */
    public static TimeSplit of(LocalDate first) {
        LocalDate train = first.plusMonths(6);
        LocalDate test = first.plusMonths(10);
        return new TimeSplit(train, train.plusDays(LABEL_DAYS), test, test.plusDays(LABEL_DAYS));
    }

    /** Returns true when the history, ending on {@code last}, covers the test labels' window. */
    public boolean coveredBy(LocalDate last) {
        return !testLabelsEnd.isAfter(last);
    }
}
