package org.clusterdeck.store;

import java.util.Optional;

/** Small user preferences (theme, window geometry) kept with the rest of the state. */
public final class SettingsRepository {
    private final Sql sql;

    SettingsRepository(Sql sql) {
        this.sql = sql;
    }

    public Optional<String> get(String key) {
        return sql.queryOne("SELECT svalue FROM settings WHERE skey = ?", rs -> rs.getString(1), key);
    }

    public void put(String key, String value) {
        sql.update("MERGE INTO settings(skey, svalue) KEY(skey) VALUES (?, ?)", key, value);
    }
}
