package dev.arrears.ledger.importing;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReaderTest {

    /** Reads every record as "startLine:field|field". */
    private static List<String> read(CsvReader reader) throws Exception {
        List<String> out = new ArrayList<>();
        List<String> row;
        while ((row = reader.next()) != null) {
            out.add(reader.recordLine() + ":" + String.join("|", row));
        }
        return out;
    }

    private static List<String> read(String text) throws Exception {
        return read(CsvReader.utf8(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void dropsByteOrderMarkBeforeHeader() throws Exception {
        assertThat(read("\uFEFFexternalRef,name\nC1,王伟\n")).containsExactly("1:externalRef|name", "2:C1|王伟");
    }

    @Test
    void keepsChineseTextIntact() throws Exception {
        assertThat(read("a,b\n张三,\"北京市朝阳区，建国路 1 号\"\n")).containsExactly("1:a|b", "2:张三|北京市朝阳区，建国路 1 号");
    }

    @Test
    void readsQuotedCommasAndDoubledQuotes() throws Exception {
        assertThat(read("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"\"\n"))
                .containsExactly("1:a|b|c", "2:x, y|say \"hi\"|");
    }

    @Test
    void treatsCrLfAndLoneCrAsLineEnds() throws Exception {
        assertThat(read("a,b\r\n1,2\r\n3,4\r5,6")).containsExactly("1:a|b", "2:1|2", "3:3|4", "4:5|6");
    }

    @Test
    void countsEmbeddedNewlinesSoRecordsStartOnTheirPhysicalLine() throws Exception {
        assertThat(read("a,b\n\"line one\r\nline two\nline three\",x\n7,8\n"))
                .containsExactly("1:a|b", "2:line one\r\nline two\nline three|x", "5:7|8");
    }

    @Test
    void skipsEmptyLinesButCountsThem() throws Exception {
        assertThat(read("a\n\n\r\nb\n\n")).containsExactly("1:a", "4:b");
    }

    @Test
    void keepsEmptyTrailingFields() throws Exception {
        assertThat(read("a,b,c\n1,,\n")).containsExactly("1:a|b|c", "2:1||");
    }

    @Test
    void rejectsUnclosedQuoteNamingTheLineWhereItOpens() {
        assertThatThrownBy(() -> read("a,b\n1,\"open\nstill open\n"))
                .isInstanceOf(CsvReader.MalformedCsvException.class)
                .satisfies(e -> assertThat(((CsvReader.MalformedCsvException) e).line).isEqualTo(2));
    }

    @Test
    void rejectsQuoteInsideUnquotedFieldAndRecoversOnTheNextLine() throws Exception {
        CsvReader reader = CsvReader.utf8(new ByteArrayInputStream("a,b\n1,x\"y\n2,z\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(reader.next()).containsExactly("a", "b");
        assertThatThrownBy(reader::next).isInstanceOf(CsvReader.MalformedCsvException.class);
        reader.skipRestOfLine();
        assertThat(reader.next()).containsExactly("2", "z");
        assertThat(reader.recordLine()).isEqualTo(3);
    }

    @Test
    void readsAcrossBufferBoundariesLikeInOnePiece() throws Exception {
        // Property: for random records written with RFC 4180 quoting, reading gives back the same fields,
        // whatever the chunk sizes the underlying reader hands out.
        Random random = new Random(7);
        String alphabet = "ab,\"\n\r 王伟x";
        for (int round = 0; round < 200; round++) {
            List<List<String>> records = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (int r = 0; r < 1 + random.nextInt(30); r++) {
                List<String> fields = new ArrayList<>();
                for (int f = 0; f < 1 + random.nextInt(5); f++) {
                    StringBuilder field = new StringBuilder();
                    for (int k = 0; k < random.nextInt(8); k++) {
                        field.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    fields.add(field.toString());
                }
                if (fields.size() == 1 && fields.getFirst().isEmpty()) {
                    fields.set(0, "e"); // an empty single-field record is an empty line, which is skipped
                }
                records.add(fields);
                for (int f = 0; f < fields.size(); f++) {
                    text.append(f == 0 ? "" : ",").append('"').append(fields.get(f).replace("\"", "\"\"")).append('"');
                }
                text.append(random.nextBoolean() ? "\r\n" : "\n");
            }
            int piece = 1 + random.nextInt(7);
            CsvReader reader = new CsvReader(new StringReader(text.toString()) {
                @Override
                public int read(char[] buffer, int offset, int length) throws java.io.IOException {
                    return super.read(buffer, offset, Math.min(length, piece));
                }
            });
            List<List<String>> back = new ArrayList<>();
            List<String> row;
            while ((row = reader.next()) != null) {
                back.add(List.copyOf(row));
            }
            assertThat(back).as("round %d", round).isEqualTo(records);
        }
    }
}
