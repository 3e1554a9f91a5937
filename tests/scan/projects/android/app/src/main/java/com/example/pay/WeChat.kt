package com.example.pay

import android.content.Context
import com.tencent.mm.opensdk.openapi.WXAPIFactory

/** Registers the App with WeChat at start-up. */
object WeChat {
    const val APP_ID: String = "wxd930ea5d5a258f4f"

    fun register(context: Context) {
        val api = WXAPIFactory.createWXAPI(context, APP_ID, true)
        api.registerApp(APP_ID)
    }
}
