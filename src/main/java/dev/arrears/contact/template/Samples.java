package dev.arrears.contact.template;

import dev.arrears.contact.RenderContext;
import dev.arrears.contact.RenderContext.Account;
import dev.arrears.contact.RenderContext.Bill;
import dev.arrears.contact.RenderContext.Instalment;
import dev.arrears.contact.RenderContext.Line;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Sample accounts to render templates with when no real account is at hand: a typical one (for checks that every
 * template renders) and the worst case that SMS segment limits are checked against on save — the longest plausible
 * name (a company's), amounts in the tens of millions with a three-character currency symbol, the longest month
 * name, three-digit overdue days, two bills of three lines with long descriptions, and the installation's own
 * payment link at its longest (a token with a suggested amount) and creditor, and an instalment (the twelfth of
 * twelve, of the same amount) for instalment reminders. Text in the locale's script: an
 * English message to a customer whose name is in Chinese characters travels as UCS-2 and takes more segments than
 * checked here; the rendered message always reports its real count.
 */
public final class Samples {

    /**
     * What is the same for every message of an installation.
     *
     * @param paymentLink the longest payment link the installation makes
     * @param optOutLink  the longest opt-out link
     */
    public record Setup(String paymentLink, String optOutLink, Map<String, String> creditorNames,
                        String creditorPhone) {

        public Setup {
            creditorNames = Map.copyOf(creditorNames);
        }

        /** Returns the creditor's name in a locale. */
        public String creditorName(String locale) {
            return creditorNames.getOrDefault(locale, "");
        }
    }

    private record Words(String name, String address, String collector, String currency, List<String> lines) {
    }

    private static final Map<String, Words> WORST = Map.of(
            "zh-CN", new Words("深圳前海国际供应链管理有限公司", "广东省深圳市南山区前海深港合作区前湾一路1号A栋201室", "诸葛晓明", "USD",
                    List.of("国际漫游数据流量包（亚洲，1GB）", "超出套餐的国内语音通话费用", "逾期未缴费用产生的滞纳金")),
            "zh-TW", new Words("臺灣國際供應鏈管理股份有限公司", "臺北市信義區信義路五段7號89樓之1", "諸葛曉明", "USD",
                    List.of("國際漫遊數據流量包（亞洲，1GB）", "超出方案的國內語音通話費用", "逾期未繳費用產生的滯納金")),
            "en", new Words("Northwind International Trading Company Limited",
                    "Unit 1204, 12th Floor, Harbourfront Landmark\n11 Wan Hoi Street, Hung Hom\nKowloon, Hong Kong",
                    "Christopher Montgomery-Whitfield", "CNY",
                    List.of("International roaming data pack, Asia, 1 GB", "Domestic calls beyond the plan allowance",
                            "Late payment fee on the overdue balance")));

    private static final Map<String, Words> TYPICAL = Map.of(
            "zh-CN", new Words("陈静", "上海市浦东新区世纪大道100号", "李娜", "CNY",
                    List.of("月租套餐", "超出套餐流量", "逾期滞纳金")),
            "zh-TW", new Words("陳靜", "臺北市大安區復興南路一段390號", "李娜", "TWD",
                    List.of("月租方案", "超出方案流量", "逾期滯納金")),
            "en", new Words("Chen Jing", "12 Harbour Road\nLondon E14 5AB", "Li Na", "GBP",
                    List.of("Monthly plan", "Data beyond the plan", "Late payment fee")));

    private Samples() {
    }

    /** Returns the longest plausible context in a locale under a jurisdiction (null: none). */
    public static RenderContext worstCase(String locale, String jurisdiction, Setup setup) {
        Words w = words(WORST, locale);
        LocalDate due = LocalDate.of(2026, 9, 30);
        long big = 1_234_567_890L; // 12,345,678.90 in a currency with two decimals
        List<Line> lines = List.of(new Line(w.lines().get(0), "SERVICE", big), new Line(w.lines().get(1), "USAGE", big),
                new Line(w.lines().get(2), "INTEREST", big));
        List<Bill> bills = List.of(
                new Bill("INV-2026-09-000001234567", LocalDate.of(2026, 9, 1), due, big, big, lines),
                new Bill("INV-2026-09-000001234568", LocalDate.of(2026, 9, 1), due, big, big, lines));
        return new RenderContext(locale, jurisdiction, LocalDate.of(2027, 9, 30), w.name(), w.address(),
                new Account("ACC-2026-000000000012345", w.currency(), big, big, 999, due), bills,
                setup.paymentLink(), setup.optOutLink(), w.collector(), setup.creditorName(locale),
                setup.creditorPhone(), new Instalment(12, 12, LocalDate.of(2027, 9, 30), big, big),
                new RenderContext.Reversal(big, LocalDate.of(2027, 9, 30)));
    }

    /** Returns an ordinary context in a locale: a person, two bills of which one is overdue, a collector. */
    public static RenderContext typical(String locale, String jurisdiction, Setup setup) {
        Words w = words(TYPICAL, locale);
        LocalDate today = LocalDate.of(2026, 12, 2);
        Bill overdue = new Bill("INV-2026-10", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 20), 15_800, 15_800,
                List.of(new Line(w.lines().get(0), "SERVICE", 12_800), new Line(w.lines().get(1), "USAGE", 2_500),
                        new Line(w.lines().get(2), "FEE", 500)));
        Bill current = new Bill("INV-2026-11", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 20), 12_800, 12_800,
                List.of(new Line(w.lines().get(0), "SERVICE", 12_800)));
        return new RenderContext(locale, jurisdiction, today, w.name(), w.address(),
                new Account("ACC-1001", w.currency(), 28_600, 15_800, 12, LocalDate.of(2026, 11, 20)),
                List.of(overdue, current), setup.paymentLink(), setup.optOutLink(), w.collector(),
                setup.creditorName(locale), setup.creditorPhone(),
                new Instalment(2, 6, LocalDate.of(2026, 12, 23), 45_000, 225_000),
                new RenderContext.Reversal(15_800, LocalDate.of(2026, 11, 25)));
    }

    private static Words words(Map<String, Words> table, String locale) {
        Words w = table.get(locale);
        if (w == null) {
            throw new IllegalArgumentException("unsupported locale '" + locale + "'; one of " + Locales.ALL);
        }
        return w;
    }
}
