// Libs.OxaPayLib as Bots.Business documents it (help "OxaPay"): setMerchantKey, setPaymentApiKey, apiCall,
// createTransaction, getTxInfo, getAcceptedCoins, transfer. Every API answer runs the caller's command with the
// parsed answer as options. A payment's callback URL is a signed webhook URL of this bot (Libs.Webhooks.getUrlFor)
// for the library command oxapaylibonCallback; OxaPay's callback is answered "ok" (OxaPay retries until it is), a
// paid one is confirmed with OxaPay's inquiry, and a confirmed one runs /onCompletePayment (or the command given
// as onCompletePayment) with the inquiry's answer as options, so BB's callback commands work unchanged.
var PREFIX = 'oxapaylib';
var API_URL = 'https://api.oxapay.com/';

function setMerchantKey(key) { Bot.setProperty(PREFIX + 'merchantkey', String(key), 'string'); }
function setPaymentApiKey(key) { Bot.setProperty(PREFIX + 'paymentapikey', String(key), 'string'); }
// Beyond BB: another API base (OxaPay's sandbox, a proxy, a test server).
function setApiUrl(url) { Bot.setProperty(PREFIX + 'apiurl', String(url), 'string'); }

function required(name, message) {
  var value = Bot.getProperty(PREFIX + name);
  if (!value) { throw new Error('OxaPay lib: no ' + message + '. You need to setup it'); }
  return value;
}

function need(options, functionName, fields) {
  if (!options) { throw new Error('OxaPayLib: ' + functionName + ' need options'); }
  if (!options.fields) { throw new Error('OxaPayLib: ' + functionName + ' need options.fields'); }
  (fields || []).forEach(function (field) {
    if (!options.fields[field]) { throw new Error('OxaPayLib: ' + functionName + ' need options.fields.' + field); }
  });
}

function apiCall(options) {
  HTTP.post({
    url: (Bot.getProperty(PREFIX + 'apiurl') || API_URL) + options.url,
    body: options.fields || {},
    headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'Cache-Control': 'no-cache' },
    success: PREFIX + 'onApiResponse' + (options.onSuccess ? ' ' + options.onSuccess : ''),
    error: PREFIX + 'onApiResponseError'
  });
}

function onApiResponse() {
  var answer = JSON.parse(content);
  if (params) { Bot.runCommand(params, answer); }
}

function onApiResponseError() {
  throw new Error('OxaPayLib: the API answered ' + http_status + ': ' + content);
}

function createTransaction(options) {
  need(options, 'createTransaction');
  options.fields.merchant = required('merchantkey', 'merchantKey');
  options.fields.callbackUrl = Libs.Webhooks.getUrlFor({
    command: PREFIX + 'onCallback' + (options.onCompletePayment ? ' ' + options.onCompletePayment : ''),
    user_id: user.id
  });
  options.url = 'merchants/request';
  options.onSuccess = options.onCreatePayment;
  apiCall(options);
}

function isPaid(status) {
  // OxaPay's callbacks say "Paid"; BB's lib looked for 2, its inquiry answers for 1.
  return String(status).toLowerCase() === 'paid' || status == 2 || status == 1;
}

// OxaPay's callback: a POST of JSON, signed with HMAC-SHA512 of the body keyed by the merchant key (HMAC header).
function onCallback() {
  WebApp.render({ content: 'ok', mime_type: 'text/plain' });
  var data = JSON.parse(content);
  var headers = (options && options.headers) || {};
  var signature = headers.Hmac || headers.HMAC || headers.hmac;
  if (signature && !Libs.Webhooks.verifyHmac({ secret: required('merchantkey', 'merchantKey'), payload: content,
      signature: signature, algorithm: 'sha512' })) {
    throw new Error('OxaPayLib: the callback signature does not match');
  }
  if (isPaid(data.status) && data.trackId) {
    verifyPayment({ fields: { trackId: data.trackId }, onCompletePayment: params || '/onCompletePayment' });
  }
}

function verifyPayment(options) {
  need(options, 'verifyPayment', ['trackId']);
  options.fields.merchant = required('merchantkey', 'merchantKey');
  options.url = 'merchants/inquiry';
  options.onSuccess = PREFIX + 'onVerifyPayment ' + (options.onCompletePayment || '/onCompletePayment');
  apiCall(options);
}

function onVerifyPayment() {
  if (options && options.result == 100 && isPaid(options.status)) {
    Bot.runCommand(params || '/onCompletePayment', options);
  }
}

function transfer(options) {
  need(options, 'transfer', ['currency', 'amount', 'address']);
  options.fields.key = required('paymentapikey', 'paymentApiKey');
  options.url = 'api/send';
  options.onSuccess = options.onTransfer;
  apiCall(options);
}

function getTxInfo(options) {
  need(options, 'getTxInfo', ['trackId']);
  options.fields.merchant = required('merchantkey', 'merchantKey');
  options.url = 'merchants/inquiry';
  apiCall(options);
}

function getAcceptedCoins(options) {
  options = options || {};
  options.fields = options.fields || {};
  options.fields.merchant = required('merchantkey', 'merchantKey');
  options.url = 'merchants/allowedCoins';
  apiCall(options);
}

publish({
  setMerchantKey: setMerchantKey,
  setPaymentApiKey: setPaymentApiKey,
  setApiUrl: setApiUrl,
  apiCall: apiCall,
  createTransaction: createTransaction,
  verifyPayment: verifyPayment,
  transfer: transfer,
  getTxInfo: getTxInfo,
  getAcceptedCoins: getAcceptedCoins
});

on(PREFIX + 'onApiResponse', onApiResponse);
on(PREFIX + 'onApiResponseError', onApiResponseError);
on(PREFIX + 'onCallback', onCallback);
on(PREFIX + 'onVerifyPayment', onVerifyPayment);
