package dev.arrears.ledger.importing;

import dev.arrears.ledger.persistence.LedgerStore;
import org.springframework.stereotype.Component;

import java.io.InputStream;

/** Reads CSV files into ledger records: header-driven, UTF-8 with or without BOM, line and column in errors. */
@Component
public class CsvImport {

    private final LedgerStore store;

    CsvImport(LedgerStore store) {
        this.store = store;
    }

    /** Imports a file of one kind. */
    public ImportResult importFile(ImportKind kind, InputStream in, boolean skipInvalid) {
        throw new UnsupportedOperationException("not yet");
    }
}
