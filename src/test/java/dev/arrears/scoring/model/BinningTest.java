package dev.arrears.scoring.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BinningTest {

    @Test
    void numericBinsHaveMonotoneWoeAndTheMinimumShare() {
        // risk falls with x0, with noise: the fine bins wiggle, the merged ones must not
        Dataset data = Synthetic.normal(5000, 1, 3, x -> -1 - 0.9 * x[0]);
        FeatureBins bins = Binning.bin(data, 0, BinningOptions.defaults());

        List<Bin> valueBins = bins.bins().subList(0, bins.cuts().length + 1);
        assertThat(valueBins).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < valueBins.size(); i++) {
            // WOE is ln(good share / bad share): safer (higher x) bins have higher WOE
            assertThat(valueBins.get(i).woe()).isGreaterThan(valueBins.get(i - 1).woe());
        }
        for (Bin bin : valueBins) {
            assertThat(bin.goods() + bin.bads()).isGreaterThanOrEqualTo(250);
            assertThat(bin.goods()).isPositive();
            assertThat(bin.bads()).isPositive();
        }
        assertThat(bins.informationValue()).isGreaterThan(0.3);
    }

    @Test
    void decreasingRiskGivesDecreasingWoe() {
        Dataset data = Synthetic.normal(5000, 1, 4, x -> -1 + 0.9 * x[0]);
        FeatureBins bins = Binning.bin(data, 0, BinningOptions.defaults());
        List<Bin> valueBins = bins.bins().subList(0, bins.cuts().length + 1);
        for (int i = 1; i < valueBins.size(); i++) {
            assertThat(valueBins.get(i).woe()).isLessThan(valueBins.get(i - 1).woe());
        }
    }

    @Test
    void woeAndInformationValueMatchAHandComputedTable() {
        // A: 40 goods 10 bads, B: 30 goods 30 bads, C: 30 goods 60 bads (100 goods, 100 bads)
        Dataset.Builder builder = Dataset.builder(List.of(Column.categorical("segment")));
        add(builder, "A", 40, 10);
        add(builder, "B", 30, 30);
        add(builder, "C", 30, 60);
        FeatureBins bins = Binning.bin(builder.build(), 0, new BinningOptions(20, 0.05, 0));

        assertThat(bins.woeOf(Double.NaN, "A")).isCloseTo(Math.log(0.4 / 0.1), within(1e-12));
        assertThat(bins.woeOf(Double.NaN, "B")).isCloseTo(0, within(1e-12));
        assertThat(bins.woeOf(Double.NaN, "C")).isCloseTo(Math.log(0.3 / 0.6), within(1e-12));
        // IV = 0.3 ln 4 + 0 + 0.3 ln 2 = 0.623832
        assertThat(bins.informationValue()).isCloseTo(0.623832, within(1e-6));
        assertThat(bins.bins().get(bins.binOf(Double.NaN, "A")).label()).isEqualTo("A");
    }

    @Test
    void rareAndUnseenCategoriesShareTheOtherBinAndMissingHasItsOwn() {
        Dataset.Builder builder = Dataset.builder(List.of(Column.categorical("product")));
        add(builder, "TELECOM_POSTPAID", 60, 20);
        add(builder, "UTILITY", 50, 50);
        add(builder, "RARE_1", 2, 1);
        add(builder, "RARE_2", 1, 2);
        add(builder, null, 10, 10);
        FeatureBins bins = Binning.bin(builder.build(), 0, BinningOptions.defaults());

        int other = bins.binOf(Double.NaN, "RARE_1");
        assertThat(bins.binOf(Double.NaN, "RARE_2")).isEqualTo(other);
        assertThat(bins.binOf(Double.NaN, "NEVER_SEEN")).isEqualTo(other);
        assertThat(bins.bins().get(other).label()).isEqualTo("other");
        assertThat(bins.bins().get(other).goods()).isEqualTo(3);
        assertThat(bins.bins().get(bins.binOf(Double.NaN, null)).label()).isEqualTo("missing");
        assertThat(bins.bins().get(bins.binOf(Double.NaN, "TELECOM_POSTPAID")).label()).isEqualTo("TELECOM_POSTPAID");
    }

    @Test
    void unseenCategoryIsNeutralWhenTrainingHadNoRareOnes() {
        Dataset.Builder builder = Dataset.builder(List.of(Column.categorical("product")));
        add(builder, "A", 60, 20);
        add(builder, "B", 50, 50);
        FeatureBins bins = Binning.bin(builder.build(), 0, BinningOptions.defaults());
        assertThat(bins.woeOf(Double.NaN, "C")).isZero();
        assertThat(bins.woeOf(Double.NaN, null)).isZero();
    }

    @Test
    void numericBinsHaveReadableLabelsAndMissingValuesTheirOwnBin() {
        Dataset.Builder builder = Dataset.builder(List.of(Column.numeric("daysPastDue")));
        // 0..2 days: mostly good; 3..5: mixed; 6..9: mostly bad; 100 missing rows
        for (int v = 0; v < 10; v++) {
            int bads = v < 3 ? 10 : v < 6 ? 40 : 80;
            for (int i = 0; i < 100; i++) {
                builder.add(new double[] {v}, new String[1], i < bads ? 1 : 0);
            }
        }
        for (int i = 0; i < 100; i++) {
            builder.add(new double[] {Double.NaN}, new String[1], i < 50 ? 1 : 0);
        }
        FeatureBins bins = Binning.bin(builder.build(), 0, BinningOptions.defaults());

        assertThat(bins.bins().stream().map(Bin::label).toList())
                .containsExactly("< 3", "[3, 6)", ">= 6", "missing");
        assertThat(bins.bins().get(bins.binOf(2.5, null)).label()).isEqualTo("< 3");
        assertThat(bins.bins().get(bins.binOf(6, null)).label()).isEqualTo(">= 6");
        assertThat(bins.bins().get(bins.binOf(Double.NaN, null)).goods()).isEqualTo(50);
    }

    @Test
    void tooFewMissingValuesJoinTheBinOfNearestWoe() {
        Dataset.Builder builder = Dataset.builder(List.of(Column.numeric("ratio")));
        for (int v = 0; v < 10; v++) {
            int bads = v < 5 ? 10 : 60;
            for (int i = 0; i < 100; i++) {
                builder.add(new double[] {v / 10.0}, new String[1], i < bads ? 1 : 0);
            }
        }
        // 10 missing rows, 6 bad: closest to the risky upper bin
        for (int i = 0; i < 10; i++) {
            builder.add(new double[] {Double.NaN}, new String[1], i < 6 ? 1 : 0);
        }
        FeatureBins bins = Binning.bin(builder.build(), 0, BinningOptions.defaults());
        assertThat(bins.bins().get(bins.missingBin()).label()).isEqualTo(">= 0.5 or missing");
        assertThat(bins.bins()).hasSize(2);
    }

    @Test
    void formatsNumbersShortly() {
        assertThat(Binning.format(2)).isEqualTo("2");
        assertThat(Binning.format(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(Binning.format(-1234.5)).isEqualTo("-1234.5");
        assertThat(Binning.rangeLabel(new double[] {0.5, 0.8}, 1)).isEqualTo("[0.5, 0.8)");
    }

    private static void add(Dataset.Builder builder, String category, int goods, int bads) {
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < goods; i++) {
            targets.add(0);
        }
        for (int i = 0; i < bads; i++) {
            targets.add(1);
        }
        for (int t : targets) {
            builder.add(new double[] {Double.NaN}, new String[] {category}, t);
        }
    }
}
