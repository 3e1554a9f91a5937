package com.example.merchant;

import android.content.Context;

import org.json.JSONException;
import org.json.JSONObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * The merchant's backend, reached with the App's login session. The App
 * never sends an openid: the gateway adds it after checking the session,
 * so that no client can ask for another user's repayment page. Blocking:
 * call it off the main thread.
 */
public final class MerchantBackend {
    private static final int MAX_BODY = 64 * 1024;

    private final String session;

    public MerchantBackend(String session) {
        this.session = session;
    }

    /** The session the App's login stored (empty before any login). */
    public static MerchantBackend forApp(Context context) {
        return new MerchantBackend(context.getSharedPreferences("merchant", Context.MODE_PRIVATE)
                .getString("session", ""));
    }

    /** GET /v1/jump: the document repayjump composes, with a fresh nonce. */
    public JSONObject fetchJump() throws IOException, JSONException {
        return get("/v1/jump");
    }

    /**
     * GET /v1/status: the user's state, which the backend asks WeChat Pay's
     * user state query for. An error (502: WeChat Pay's answer could not be
     * trusted or said FAIL; 503: not configured; 504: WeChat Pay did not
     * answer) is an IOException "HTTP 5xx": the state is then unknown.
     */
    public UserState fetchState() throws IOException, JSONException {
        JSONObject doc = get("/v1/status");
        return new UserState(doc.getString("user_state"), doc.getBoolean("repay"));
    }

    /** What the App uses of the backend's answer to GET /v1/status. */
    public static final class UserState {
        /** WeChat Pay's word for a user who owes nothing. */
        public static final String NORMAL = "NORMAL";

        /** WeChat Pay's user_state, verbatim (one added later included). */
        public final String name;
        /** The backend's repay: true exactly for OVERDUE, the one state that offers the jump. */
        public final boolean repay;

        UserState(String name, boolean repay) {
            this.name = name;
            this.repay = repay;
        }

        public boolean isNormal() {
            return NORMAL.equals(name);
        }
    }

    private JSONObject get(String path) throws IOException, JSONException {
        HttpURLConnection connection =
                (HttpURLConnection) new URL(MerchantConfig.BACKEND_URL + path).openConnection();
        try {
            connection.setConnectTimeout(5000);
            connection.setReadTimeout(5000);
            connection.setRequestProperty(MerchantConfig.SESSION_HEADER, session);
            int code = connection.getResponseCode();
            if (code != HttpURLConnection.HTTP_OK) {
                // The status only: the error's detail is the backend's log's.
                throw new IOException("HTTP " + code);
            }
            try (InputStream in = connection.getInputStream()) {
                return new JSONObject(read(in));
            }
        } finally {
            connection.disconnect();
        }
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) != -1; ) {
            if (out.size() + n > MAX_BODY) {
                throw new IOException("response larger than " + MAX_BODY + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
}
