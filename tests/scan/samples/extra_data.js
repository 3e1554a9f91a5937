var extraData = {
appid:wxcbda96de0b165486,
mchid:1900009231,
openid:'oUpF8uMEb4qRXf22hE3X68TekukE',
nonce_str:5K8264ILTKCH16CQ2502SI8ZNMTM67VS
