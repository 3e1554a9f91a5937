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

    /** The user's status; the backend asks WeChat Pay's user-status API. */
    public JSONObject fetchRepaymentStatus() throws IOException, JSONException {
        return get("/v1/repayment-status");
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
                throw new IOException(path + ": HTTP " + code);
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
