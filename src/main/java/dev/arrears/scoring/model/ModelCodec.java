package dev.arrears.scoring.model;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a trained model as JSON and reads it back (the database stores models this way, versioned). Reading the
 * JSON of a model gives a model that scores every row exactly as the original did. The JSON is an object with
 * {@code "kind"} ({@code scorecard} or {@code challenger}), {@code "format"} ({@value #FORMAT}), the columns, the
 * points scale and the kind's parameters; doubles are written in their shortest exact form.
 */
public final class ModelCodec {

    /** The version of the JSON layout written by {@link #toJson}. */
    public static final int FORMAT = 1;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ModelCodec() {
    }

    /** Returns the JSON of a model. */
    public static String toJson(Model model) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kind", model.kind());
        root.put("format", FORMAT);
        ArrayNode columns = root.putArray("columns");
        for (Column c : model.columns()) {
            columns.addObject().put("name", c.name()).put("type", c.type().name());
        }
        switch (model) {
            case Scorecard card -> writeScorecard(root, card);
            case Challenger challenger -> writeChallenger(root, challenger);
            default -> throw new IllegalArgumentException("models of kind " + model.kind() + " are not stored");
        }
        return MAPPER.writeValueAsString(root);
    }

    /** Returns the model written in a JSON text; throws IllegalArgumentException naming what is wrong. */
    public static Model fromJson(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("model JSON is empty");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("model JSON does not parse: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("model JSON must be an object");
        }
        int format = integer(root, "format");
        if (format != FORMAT) {
            throw new IllegalArgumentException("model JSON format " + format + " is not supported (expected "
                    + FORMAT + ")");
        }
        String kind = text(root, "kind");
        List<Column> columns = new ArrayList<>();
        for (JsonNode c : array(root, "columns")) {
            columns.add(new Column(text(c, "name"), type(c, "type")));
        }
        try {
            return switch (kind) {
                case Scorecard.KIND -> readScorecard(root, columns);
                case Challenger.KIND -> readChallenger(root, columns);
                default -> throw new IllegalArgumentException("model kind " + kind + " is unknown (expected "
                        + Scorecard.KIND + " or " + Challenger.KIND + ")");
            };
        } catch (IndexOutOfBoundsException | NullPointerException e) {
            throw new IllegalArgumentException("model JSON of kind " + kind + " is inconsistent: " + e.getMessage(),
                    e);
        }
    }

    private static void writeScale(ObjectNode root, PointsScale scale) {
        root.putObject("scale").put("baseScore", scale.baseScore()).put("baseOdds", scale.baseOdds())
                .put("pointsToDoubleOdds", scale.pointsToDoubleOdds());
    }

    private static PointsScale readScale(JsonNode root) {
        JsonNode s = object(root, "scale");
        return new PointsScale(number(s, "baseScore"), number(s, "baseOdds"), number(s, "pointsToDoubleOdds"));
    }

    private static void writeScorecard(ObjectNode root, Scorecard card) {
        writeScale(root, card.scale());
        root.put("intercept", finite(card.intercept()));
        ObjectNode ivs = root.putObject("informationValues");
        card.informationValues().forEach((name, iv) -> ivs.put(name, finite(iv)));
        ArrayNode features = root.putArray("features");
        for (Scorecard.Feature f : card.features()) {
            FeatureBins b = f.bins();
            ObjectNode node = features.addObject();
            node.put("column", f.column()).put("feature", b.feature()).put("type", b.type().name())
                    .put("coefficient", finite(f.coefficient())).put("informationValue", finite(b.informationValue()))
                    .put("missingBin", b.missingBin()).put("otherBin", b.otherBin());
            ArrayNode cuts = node.putArray("cuts");
            for (double c : b.cuts()) {
                cuts.add(finite(c));
            }
            ObjectNode categories = node.putObject("categories");
            new TreeMap<>(b.categories()).forEach(categories::put);
            ArrayNode bins = node.putArray("bins");
            for (Bin bin : b.bins()) {
                bins.addObject().put("label", bin.label()).put("goods", bin.goods()).put("bads", bin.bads())
                        .put("woe", finite(bin.woe()));
            }
        }
    }

    private static Scorecard readScorecard(JsonNode root, List<Column> columns) {
        Map<String, Double> ivs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object(root, "informationValues").properties()) {
            ivs.put(e.getKey(), numberValue(e.getValue(), "informationValues." + e.getKey()));
        }
        List<Scorecard.Feature> features = new ArrayList<>();
        for (JsonNode f : array(root, "features")) {
            List<Bin> bins = new ArrayList<>();
            for (JsonNode b : array(f, "bins")) {
                bins.add(new Bin(text(b, "label"), (long) number(b, "goods"), (long) number(b, "bads"),
                        number(b, "woe")));
            }
            Map<String, Integer> categories = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : object(f, "categories").properties()) {
                categories.put(e.getKey(), (int) numberValue(e.getValue(), "categories." + e.getKey()));
            }
            FeatureBins fb = new FeatureBins(text(f, "feature"), type(f, "type"), bins, doubles(f, "cuts"),
                    categories, integer(f, "missingBin"), integer(f, "otherBin"), number(f, "informationValue"));
            features.add(new Scorecard.Feature(integer(f, "column"), fb, number(f, "coefficient")));
        }
        return new Scorecard(columns, features, number(root, "intercept"), readScale(root), ivs);
    }

    private static void writeChallenger(ObjectNode root, Challenger model) {
        writeScale(root, model.scale());
        root.put("bias", finite(model.bias()));
        ArrayNode codings = root.putArray("codings");
        for (Challenger.Coding c : model.codings()) {
            ObjectNode node = codings.addObject().put("type", c.type().name());
            ArrayNode edges = node.putArray("edges");
            for (double e : c.edges()) {
                edges.add(finite(e));
            }
            ObjectNode categories = node.putObject("categories");
            new TreeMap<>(c.categories()).forEach(categories::put);
        }
        ArrayNode trees = root.putArray("trees");
        for (Challenger.Tree t : model.trees()) {
            ObjectNode node = trees.addObject();
            ArrayNode feature = node.putArray("feature");
            ArrayNode left = node.putArray("left");
            ArrayNode right = node.putArray("right");
            ArrayNode value = node.putArray("value");
            ArrayNode goesLeft = node.putArray("goesLeft");
            int[] features = t.feature();
            int[] lefts = t.left();
            int[] rights = t.right();
            double[] values = t.value();
            boolean[][] sends = t.goesLeft();
            for (int i = 0; i < features.length; i++) {
                feature.add(features[i]);
                left.add(lefts[i]);
                right.add(rights[i]);
                value.add(finite(values[i]));
                if (sends[i] == null) {
                    goesLeft.addNull();
                } else {
                    // the codes that go left, so the JSON stays short
                    ArrayNode codes = goesLeft.addArray();
                    for (int k = 0; k < sends[i].length; k++) {
                        if (sends[i][k]) {
                            codes.add(k);
                        }
                    }
                }
            }
        }
    }

    private static Challenger readChallenger(JsonNode root, List<Column> columns) {
        List<Challenger.Coding> codings = new ArrayList<>();
        for (JsonNode c : array(root, "codings")) {
            Map<String, Integer> categories = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : object(c, "categories").properties()) {
                categories.put(e.getKey(), (int) numberValue(e.getValue(), "categories." + e.getKey()));
            }
            codings.add(new Challenger.Coding(type(c, "type"), doubles(c, "edges"), categories));
        }
        if (codings.size() != columns.size()) {
            throw new IllegalArgumentException("model JSON has " + codings.size() + " codings for "
                    + columns.size() + " columns");
        }
        List<Challenger.Tree> trees = new ArrayList<>();
        for (JsonNode t : array(root, "trees")) {
            int[] feature = ints(t, "feature");
            int[] left = ints(t, "left");
            int[] right = ints(t, "right");
            double[] value = doubles(t, "value");
            List<JsonNode> goes = array(t, "goesLeft");
            if (goes.size() != feature.length) {
                throw new IllegalArgumentException("model JSON tree has " + goes.size() + " goesLeft entries for "
                        + feature.length + " nodes");
            }
            boolean[][] goesLeft = new boolean[feature.length][];
            for (int i = 0; i < feature.length; i++) {
                if (feature[i] < 0) {
                    continue;
                }
                if (feature[i] >= codings.size() || !goes.get(i).isArray()) {
                    throw new IllegalArgumentException("model JSON tree node " + i + " is malformed");
                }
                goesLeft[i] = new boolean[codings.get(feature[i]).codes()];
                for (JsonNode code : goes.get(i).values()) {
                    int k = (int) numberValue(code, "goesLeft");
                    if (k < 0 || k >= goesLeft[i].length) {
                        throw new IllegalArgumentException("model JSON tree node " + i + " sends unknown code " + k);
                    }
                    goesLeft[i][k] = true;
                }
            }
            trees.add(new Challenger.Tree(feature, goesLeft, left, right, value));
        }
        return new Challenger(columns, codings, number(root, "bias"), trees, readScale(root));
    }

    private static double finite(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("a model parameter is not finite: " + v);
        }
        return v;
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("model JSON lacks \"" + name + "\"");
        }
        return v;
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = field(node, name);
        if (!v.isString()) {
            throw new IllegalArgumentException("model JSON \"" + name + "\" must be a string");
        }
        return v.stringValue();
    }

    private static Column.Type type(JsonNode node, String name) {
        String t = text(node, name);
        try {
            return Column.Type.valueOf(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model JSON \"" + name + "\" is NUMERIC or CATEGORICAL, not " + t, e);
        }
    }

    private static double number(JsonNode node, String name) {
        return numberValue(field(node, name), name);
    }

    private static double numberValue(JsonNode v, String name) {
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("model JSON \"" + name + "\" must be a number");
        }
        return v.doubleValue();
    }

    private static int integer(JsonNode node, String name) {
        JsonNode v = field(node, name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("model JSON \"" + name + "\" must be an integer");
        }
        return v.intValue();
    }

    private static JsonNode object(JsonNode node, String name) {
        JsonNode v = field(node, name);
        if (!v.isObject()) {
            throw new IllegalArgumentException("model JSON \"" + name + "\" must be an object");
        }
        return v;
    }

    private static List<JsonNode> array(JsonNode node, String name) {
        JsonNode v = field(node, name);
        if (!v.isArray()) {
            throw new IllegalArgumentException("model JSON \"" + name + "\" must be an array");
        }
        return new ArrayList<>(v.values());
    }

    private static double[] doubles(JsonNode node, String name) {
        List<JsonNode> values = array(node, name);
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = numberValue(values.get(i), name);
        }
        return out;
    }

    private static int[] ints(JsonNode node, String name) {
        List<JsonNode> values = array(node, name);
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            if (!values.get(i).isIntegralNumber() || !values.get(i).canConvertToInt()) {
                throw new IllegalArgumentException("model JSON \"" + name + "\" must hold integers");
            }
            out[i] = values.get(i).intValue();
        }
        return out;
    }
}
