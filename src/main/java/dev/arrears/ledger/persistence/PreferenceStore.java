package dev.arrears.ledger.persistence;

import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.shared.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Arrays;

/**
 * The SQL of contact preferences: a channel added to or taken from the opt-outs (and consents) of a customer's
 * contact points that can carry it, on one address or all. Runs in the caller's transaction.
 */
@Repository
public class PreferenceStore {

    private final JdbcClient jdbc;

    PreferenceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts a customer's contact points that carry the channel (on the address, when given). */
    public int points(long customerId, Channel channel, String address) {
        return jdbc.sql("""
                        select count(*) from contact_point
                        where customer_id = ? and kind = any (?) and (?::text is null or lower(value) = lower(?))""")
                .params(customerId, kinds(channel), address, address).query(Integer.class).single();
    }

    /** Adds the channel to the opt-outs of the matching contact points; returns how many changed. */
    public int optOut(long customerId, Channel channel, String address) {
        return jdbc.sql("""
                        update contact_point set opt_outs = array_append(opt_outs, ?)
                        where customer_id = ? and kind = any (?) and (?::text is null or lower(value) = lower(?))
                          and not (? = any (opt_outs))""")
                .params(channel.name(), customerId, kinds(channel), address, address, channel.name()).update();
    }

    /** Takes the channel from the opt-outs of the matching contact points and adds it to their consents. */
    public int optIn(long customerId, Channel channel, String address) {
        return jdbc.sql("""
                        update contact_point
                        set opt_outs = array_remove(opt_outs, ?),
                            consents = case when ? = any (consents) then consents else array_append(consents, ?) end
                        where customer_id = ? and kind = any (?) and (?::text is null or lower(value) = lower(?))
                          and (? = any (opt_outs) or not (? = any (consents)))""")
                .params(channel.name(), channel.name(), channel.name(), customerId, kinds(channel), address, address,
                        channel.name(), channel.name()).update();
    }

    /** Returns the contact point kinds that can carry a channel (PHONE for SMS and CALL …). */
    private static String[] kinds(Channel channel) {
        return Arrays.stream(ContactKind.values()).filter(k -> k.channels().contains(channel)).map(Enum::name)
                .toArray(String[]::new);
    }
}
