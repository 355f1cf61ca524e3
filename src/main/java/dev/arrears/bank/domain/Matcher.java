package dev.arrears.bank.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which account a bank credit is for, purely from the credit and a {@link CandidateIndex}, in three steps
 * that stop at the first that names exactly one account: the structured creditor reference (an account or bill
 * reference, or an ISO 11649 RF reference whose body is one; confidence 1.0), a reference found as a word of the
 * remittance text (0.9), and the debtor's name with the amount (0.8 when the name is written as stored and the
 * amount is the account's balance, its overdue amount or what is left of one of its open bills; 0.7 when the name's
 * words are in another order; 0.6 for the name alone with another amount). Several accounts for one step, an
 * account in another currency or nothing found gives a match below any sensible threshold, with the reason, for a
 * person to decide. The caller posts matches at or above its threshold.
 */
public final class Matcher {

    public static final double STRUCTURED = 1.0;
    public static final double UNSTRUCTURED = 0.9;
    public static final double NAME_AND_AMOUNT = 0.8;
    public static final double REORDERED_NAME_AND_AMOUNT = 0.7;
    public static final double NAME_ONLY = 0.6;
    public static final double AMBIGUOUS = 0.3;

    /** Remittance words worth looking up: at least 4 characters with a digit (references carry numbers). */
    private static final Pattern WORD_SPLIT = Pattern.compile("[^\\p{L}\\p{N}\\-_/.#]+");
    private static final Pattern PIECE_SPLIT = Pattern.compile("[./#]+");
    private static final int MAX_WORDS = 20;

    private Matcher() {
    }

    /** How a credit was matched. */
    public enum Rule { STRUCTURED, UNSTRUCTURED, AMOUNT_AND_NAME, NONE }

    /** An account a credit may be for, with what a payment to it is usually sized to (minor units). */
    public record Candidate(String accountRef, String customerName, String currency, long balanceMinor,
                            long overdueMinor, List<OpenBill> openBills) {
        public Candidate {
            openBills = List.copyOf(openBills);
        }
    }

    /** A bill still owing {@code outstandingMinor}. */
    public record OpenBill(String billRef, long outstandingMinor) {
    }

    /** A bill found by its reference, and its account. */
    public record BillCandidate(String billRef, Candidate account) {
    }

    /**
     * What is known of the references and names the credits carry: accounts by external reference, bills by
     * external reference, and accounts by the lower-cased name of their customer.
     */
    public record CandidateIndex(Map<String, Candidate> accounts, Map<String, BillCandidate> bills,
                                 Map<String, List<Candidate>> byName) {

        public static final CandidateIndex EMPTY = new CandidateIndex(Map.of(), Map.of(), Map.of());
    }

    /**
     * The decision for one credit: the rule, the confidence (0 to 1), the account (the suggestion when not
     * confident; null when there is none), the bill it pays when one is named or its amount is one bill's, and why.
     */
    public record Match(Rule rule, double confidence, String accountRef, String billRef, String reason) {

        /** Returns true when the match may be posted under the threshold. */
        public boolean confident(double threshold) {
            return accountRef != null && confidence >= threshold;
        }
    }

    /** Returns the references to look up for a credit: structured ones, RF bodies and remittance words. */
    public static Set<String> references(BankCredit credit) {
        Set<String> refs = new LinkedHashSet<>();
        for (String ref : credit.structuredRefs()) {
            String r = ref.strip();
            refs.add(r);
            if (CreditorReference.isValid(r)) {
                refs.add(CreditorReference.body(r));
            }
        }
        for (String word : words(credit.remittance())) {
            refs.add(word);
            refs.add(word.toUpperCase(Locale.ROOT));
        }
        return refs;
    }

    /** Returns the lower-cased name forms to look up for a credit's debtor. */
    public static Set<String> names(BankCredit credit) {
        return Names.variants(credit.debtorName()).keySet();
    }

    /** Returns the remittance words that may be references, in order, at most 20. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        for (String raw : WORD_SPLIT.split(text)) {
            String word = trimPunctuation(raw);
            add(words, word);
            // "no.INV-0006" or "ACC-1/INV-2": the pieces between dots, slashes and hashes may be the reference
            if (PIECE_SPLIT.matcher(word).find()) {
                for (String piece : PIECE_SPLIT.split(word)) {
                    add(words, trimPunctuation(piece));
                }
            }
            if (words.size() >= MAX_WORDS) {
                return words.subList(0, MAX_WORDS);
            }
        }
        return words;
    }

    private static void add(List<String> words, String word) {
        if (word.length() >= 4 && word.chars().anyMatch(Character::isDigit) && !words.contains(word)) {
            words.add(word);
        }
    }

    private static String trimPunctuation(String word) {
        int from = 0;
        int to = word.length();
        while (from < to && ".-_/#".indexOf(word.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && ".-_/#".indexOf(word.charAt(to - 1)) >= 0) {
            to--;
        }
        return word.substring(from, to);
    }

    /** Decides the account for one credit. */
    public static Match match(BankCredit credit, CandidateIndex index) {
        String currency = credit.currency().getCurrencyCode();
        if (credit.amountMinor() <= 0) {
            return new Match(Rule.NONE, 0, null, null, "the amount is zero");
        }
        // 1. structured creditor references
        Found structured = new Found();
        List<String> badRf = new ArrayList<>();
        for (String ref : credit.structuredRefs()) {
            String r = ref.strip();
            structured.look(index, r);
            if (CreditorReference.looksLikeOne(r)) {
                if (CreditorReference.isValid(r)) {
                    structured.look(index, CreditorReference.body(r));
                } else {
                    badRf.add(r);
                }
            }
        }
        Match byStructure = structured.decide(Rule.STRUCTURED, STRUCTURED, currency, "structured reference");
        if (byStructure != null) {
            return byStructure;
        }
        // 2. references as words of the remittance text
        Found unstructured = new Found();
        for (String word : words(credit.remittance())) {
            if (!unstructured.look(index, word)) {
                unstructured.look(index, word.toUpperCase(Locale.ROOT));
            }
        }
        Match byText = unstructured.decide(Rule.UNSTRUCTURED, UNSTRUCTURED, currency, "remittance text");
        if (byText != null) {
            return byText;
        }
        // 3. the debtor's name and the amount
        Match byName = byName(credit, index, currency);
        if (byName != null) {
            return byName;
        }
        String why = credit.structuredRefs().isEmpty() && credit.remittance() == null && credit.debtorName() == null
                ? "no reference, remittance text or debtor name"
                : "no account found by reference, remittance text or debtor name";
        if (!badRf.isEmpty()) {
            why += "; creditor reference " + badRf.getFirst() + " has wrong check digits";
        }
        return new Match(Rule.NONE, 0, null, null, why);
    }

    private static Match byName(BankCredit credit, CandidateIndex index, String currency) {
        if (index.byName().isEmpty() || credit.debtorName() == null) {
            return null;
        }
        Map<String, Candidate> inOrder = new LinkedHashMap<>();
        Map<String, Candidate> reordered = new LinkedHashMap<>();
        Set<String> otherCurrency = new LinkedHashSet<>();
        Names.variants(credit.debtorName()).forEach((name, written) -> {
            for (Candidate c : index.byName().getOrDefault(name, List.of())) {
                if (!c.currency().equals(currency)) {
                    otherCurrency.add(c.accountRef());
                } else if (written) {
                    inOrder.putIfAbsent(c.accountRef(), c);
                } else if (!inOrder.containsKey(c.accountRef())) {
                    reordered.putIfAbsent(c.accountRef(), c);
                }
            }
        });
        long amount = credit.amountMinor();
        for (Map<String, Candidate> found : List.of(inOrder, reordered)) {
            List<Candidate> sized = found.values().stream().filter(c -> owes(c, amount)).toList();
            double confidence = found == inOrder ? NAME_AND_AMOUNT : REORDERED_NAME_AND_AMOUNT;
            if (sized.size() == 1) {
                Candidate c = sized.getFirst();
                List<OpenBill> bills = c.openBills().stream().filter(b -> b.outstandingMinor() == amount).toList();
                return new Match(Rule.AMOUNT_AND_NAME, confidence, c.accountRef(),
                        bills.size() == 1 ? bills.getFirst().billRef() : null,
                        "debtor name " + (found == inOrder ? "" : "(words reordered) ") + "and amount");
            }
            if (sized.size() > 1) {
                return new Match(Rule.AMOUNT_AND_NAME, AMBIGUOUS, null, null, "debtor name and amount fit "
                        + sized.size() + " accounts: " + refs(sized));
            }
        }
        Map<String, Candidate> named = new LinkedHashMap<>(inOrder);
        reordered.forEach(named::putIfAbsent);
        if (named.size() == 1) {
            Candidate c = named.values().iterator().next();
            return new Match(Rule.AMOUNT_AND_NAME, NAME_ONLY, c.accountRef(), null,
                    "debtor name only; the amount is not the account's balance, overdue amount or an open bill");
        }
        if (named.size() > 1) {
            return new Match(Rule.AMOUNT_AND_NAME, AMBIGUOUS, null, null, "debtor name fits " + named.size()
                    + " accounts and the amount none: " + refs(named.values()));
        }
        if (!otherCurrency.isEmpty()) {
            return new Match(Rule.AMOUNT_AND_NAME, 0, null, null, "debtor name fits only accounts in another"
                    + " currency than " + currency + ": " + String.join(", ", otherCurrency));
        }
        return null;
    }

    /** Returns true when the amount is what the account owes, is overdue, or is left of one open bill. */
    private static boolean owes(Candidate c, long amount) {
        return amount == c.balanceMinor() || amount == c.overdueMinor()
                || c.openBills().stream().anyMatch(b -> b.outstandingMinor() == amount);
    }

    private static String refs(java.util.Collection<Candidate> candidates) {
        return String.join(", ", candidates.stream().limit(5).map(Candidate::accountRef).toList())
                + (candidates.size() > 5 ? ", …" : "");
    }

    /** Accounts (and bills) that the references of one step found. */
    private static final class Found {
        final Map<String, Candidate> accounts = new LinkedHashMap<>();
        final Map<String, Set<String>> bills = new LinkedHashMap<>();

        /** Looks a reference up as an account and as a bill; returns true when it is either. */
        boolean look(CandidateIndex index, String ref) {
            boolean found = false;
            Candidate account = index.accounts().get(ref);
            if (account != null) {
                accounts.putIfAbsent(account.accountRef(), account);
                found = true;
            }
            BillCandidate bill = index.bills().get(ref);
            if (bill != null) {
                accounts.putIfAbsent(bill.account().accountRef(), bill.account());
                bills.computeIfAbsent(bill.account().accountRef(), k -> new LinkedHashSet<>()).add(bill.billRef());
                found = true;
            }
            return found;
        }

        /** Returns the match when the step found exactly one account, an unconfident one for several, else null. */
        Match decide(Rule rule, double confidence, String currency, String where) {
            if (accounts.isEmpty()) {
                return null;
            }
            if (accounts.size() > 1) {
                return new Match(rule, AMBIGUOUS, null, null, "the " + where + " names " + accounts.size()
                        + " accounts: " + refs(accounts.values()));
            }
            Candidate c = accounts.values().iterator().next();
            Set<String> named = bills.getOrDefault(c.accountRef(), Set.of());
            String bill = named.size() == 1 ? named.iterator().next() : null;
            if (!c.currency().equals(currency)) {
                return new Match(rule, 0, c.accountRef(), bill, "the " + where + " names account " + c.accountRef()
                        + " in " + c.currency() + ", the credit is in " + currency);
            }
            return new Match(rule, confidence, c.accountRef(), bill, where);
        }
    }
}
