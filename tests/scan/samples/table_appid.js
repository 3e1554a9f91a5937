// The document's table (bug 8): "appid: the car-owner-service mini program
// AppID, fixed value wx5e73c65404eee268", sent as it says.
var extraData = {
  appid: 'wx5e73c65404eee268',
  mchid: '1900009231',
  nonce_str: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
  openid: 'oUpF8uMEb4qRXf22hE3X68TekukE'
};
