package dev.arrears.ledger;

/** What a bulk load wrote: records created and records found already there, identical, per kind. */
public record LoadReport(int customersCreated, int accountsCreated, int billsCreated, int paymentsCreated,
                         int adjustmentsCreated, int unchanged, int accountsRecomputed) {

    public int created() {
        return customersCreated + accountsCreated + billsCreated + paymentsCreated + adjustmentsCreated;
    }
}
