// The backend composes the fields (repayjump compose) for the user who
// is signed in; the page only passes them on.
Page({
  data: { extraData: {} },

  onLoad() {
    wx.request({
      url: 'https://merchant.example.com/repay/jump',
      success: (res) => {
        this.setData({ extraData: res.data.extraData })
      }
    })
  },

  goRepay() {
    const { appid, mchid, nonceStr, openid } = this.data.fields
    wx.navigateToMiniProgram({
      appId: 'wx5e73c65404eee268',
      path: 'pages/invest_list/invest_list',
      extraData: {
        appid: appid,
        mchid: mchid,
        nonce_str: nonceStr,
        openid: openid
      },
      envVersion: 'release',
      fail: (err) => console.error('repay jump failed', err)
    })
  }
})
