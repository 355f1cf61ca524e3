package dev.arrears.scoring;

/**
 * A model cannot be trained (or its drift measured) on the data as it is: a history too short for the time split,
 * a training set with one class only, a model stored without its training reference. Answered 409 by the API.
 */
public class TrainingRefused extends RuntimeException {

    public TrainingRefused(String message) {
        super(message);
    }
}
