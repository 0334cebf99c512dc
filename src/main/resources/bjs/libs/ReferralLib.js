// Libs.ReferralLib (BB's RefLib) as Bots.Business documents it: referral links, tracking who attracted a user on
// /start, each user's referral list and count, and a top list. BB keeps the lists in BB Lists; here they are
// properties under BB's prefix: REFLIB_attracted_by_user and REFLIB_old_user of the attracted user,
// REFLIB_refsCount of the referrer, and bot properties REFLIB_user<id> (a referrer's data, saved by getLink),
// REFLIB_refList<id> (the referrer's list) and REFLIB_topList.
var PREFIX = 'REFLIB_';
var TOP_LIST_SIZE = 100;
var trackOptions = {};

function emit(eventName, argument) {
  var handler = trackOptions[eventName];
  if (typeof handler === 'function') {
    handler(argument);
    return true;
  }
  return false;
}

function needUser(functionName) {
  if (!user) { throw new Error('ReferralLib.' + functionName + ' needs a user webhook (there is no current user)'); }
}

function userData(u) {
  return { id: u.id, telegramid: u.telegramid, first_name: u.first_name, last_name: u.last_name,
    username: u.username, language_code: u.language_code };
}

function linkPrefix() {
  var prefix = Bot.getProperty(PREFIX + 'refList_link_prefix');
  return typeof prefix === 'string' ? prefix : 'user';
}

function setLinkPrefix(prefix) {
  Bot.setProperty(PREFIX + 'refList_link_prefix', String(prefix), 'string');
}

function getLink(botName, prefix) {
  needUser('getLink');
  if (prefix === undefined || prefix === null) {
    prefix = linkPrefix();
  } else if (prefix !== linkPrefix()) {
    setLinkPrefix(prefix);
  }
  // The attracted user's /start only knows the referrer's id: keep the referrer's data for onAttracted.
  Bot.setProperty(PREFIX + 'user' + user.id, userData(user), 'json');
  return 'https://t.me/' + (botName || bot.name) + '?start=' + prefix + user.id;
}

function refListOf(userId) {
  return Bot.getProperty(PREFIX + 'refList' + userId) || { users: [], created_at: null };
}

// An array of the attracted users (BB's older lib returned one) with the members of the BB List the newer returns.
function listView(stored) {
  var users = stored.users.slice();
  users.exist = stored.users.length > 0;
  users.created_at = stored.created_at;
  users.count = stored.users.length;
  users.getUsers = function () { return stored.users.slice(); };
  users.get = function () { return stored.users.slice(); };
  return users;
}

function getRefList(userId) {
  if (!userId) { needUser('getRefList'); userId = user.id; }
  return listView(refListOf(userId));
}

function getRefCount(userId) {
  if (!userId) { needUser('getRefCount'); userId = user.id; }
  return Bot.getProperty({ name: PREFIX + 'refsCount', user_id: parseInt(userId, 10) }) || 0;
}

function getTopList() {
  var top = Bot.getProperty(PREFIX + 'topList') || [];
  var list = {
    order_by: 'integer_value',
    order_ascending: false,
    per_page: TOP_LIST_SIZE,
    page: 1,
    exist: top.length > 0,
    count: top.length,
    get: function () {
      var items = top.slice().sort(function (a, b) {
        return list.order_ascending ? a.value - b.value : b.value - a.value;
      });
      var start = (list.page - 1) * list.per_page;
      return items.slice(start, start + list.per_page);
    }
  };
  return list;
}

function addToTopList(referrer, count) {
  var top = Bot.getProperty(PREFIX + 'topList') || [];
  top = top.filter(function (item) { return String(item.user.id) !== String(referrer.id); });
  top.push({ user: referrer, value: count });
  top.sort(function (a, b) { return b.value - a.value; });
  Bot.setProperty(PREFIX + 'topList', top.slice(0, TOP_LIST_SIZE), 'json');
}

function setReferral(referrerId) {
  var list = refListOf(referrerId);
  list.users.push(userData(user));
  if (!list.created_at) { list.created_at = new Date().toISOString(); }
  Bot.setProperty(PREFIX + 'refList' + referrerId, list, 'json');
  var count = getRefCount(referrerId) + 1;
  Bot.setProperty({ name: PREFIX + 'refsCount', value: count, type: 'integer', user_id: referrerId });

  var referrer = Bot.getProperty(PREFIX + 'user' + referrerId);
  if (!referrer) { return false; }
  addToTopList(referrer, count);
  User.setProperty(PREFIX + 'attracted_by_user', referrer, 'json');
  // onAtractedByUser is the older (misspelt) name BB still calls first.
  if (emit('onAtractedByUser', referrer)) { return true; }
  emit('onAttracted', referrer);
  return true;
}

function trackRef(prefix) {
  var text = typeof params === 'string' ? params.trim() : '';
  if (text.indexOf(prefix) !== 0) { return false; }
  var referrerId = parseInt(text.slice(prefix.length), 10);
  if (!(referrerId > 0)) { return false; }
  if (String(referrerId) === String(user.id)) {
    emit('onTouchOwnLink');
    return true;
  }
  return setReferral(referrerId);
}

function isAlreadyAttracted() {
  return User.getProperty(PREFIX + 'attracted_by_user') || User.getProperty(PREFIX + 'attracted_by_channel')
    || User.getProperty(PREFIX + 'old_user');
}

// BB's older lib: a /start parameter that is no user's link names what attracted the user (a channel's post, an ad).
var MAX_CHANNEL_CHARS = 64;

function trackChannel() {
  var channel = typeof params === 'string' ? params.trim() : '';
  if (channel === '' || channel.length > MAX_CHANNEL_CHARS) { return false; }
  User.setProperty(PREFIX + 'attracted_by_channel', channel, 'string');
  emit('onAttractedByChannel', channel);
  return true;
}

function attractedByChannel() {
  return User.getProperty(PREFIX + 'attracted_by_channel');
}

// The current user's list of attracted users, emptied (their count and the top list are kept, as in BB's lib).
function clearRefList() {
  needUser('refList.clear');
  Bot.setProperty(PREFIX + 'refList' + user.id, { users: [], created_at: refListOf(user.id).created_at }, 'json');
  return true;
}

function track(options) {
  needUser('track');
  trackOptions = options || {};
  var prefix = linkPrefix();
  if (typeof trackOptions.linkPrefix === 'string') {
    prefix = trackOptions.linkPrefix;
    if (prefix !== linkPrefix()) { setLinkPrefix(prefix); }
  }
  if (isAlreadyAttracted()) {
    return emit('onAlreadyAttracted');
  }
  var isDeepLink = typeof message === 'string' && message.split(' ')[0] === '/start' && params;
  var isUserLink = isDeepLink && String(params).trim().indexOf(prefix) === 0;
  if (isUserLink ? trackRef(prefix) : isDeepLink && trackChannel()) {
    return;
  }
  User.setProperty(PREFIX + 'old_user', true, 'boolean');
}

function getAttractedBy() {
  var referrer = User.getProperty(PREFIX + 'attracted_by_user');
  if (referrer) {
    referrer.chatId = referrer.telegramid; // older code reads chatId
  }
  return referrer;
}

function clearRef() {
  needUser('clearRef');
  User.deleteProp(PREFIX + 'attracted_by_user');
  User.deleteProp(PREFIX + 'attracted_by_channel');
  User.deleteProp(PREFIX + 'old_user');
}

publish({
  track: track,
  getLink: getLink,
  getRefLink: getLink,
  setLinkPrefix: setLinkPrefix,
  getRefList: getRefList,
  getRefCount: getRefCount,
  getTopList: getTopList,
  getAttractedBy: getAttractedBy,
  clearRef: clearRef,
  attractedByChannel: attractedByChannel,
  // BB's older names, still in many bots
  currentUser: {
    getRefLink: getLink,
    track: track,
    refList: { get: getRefList, clear: clearRefList },
    attractedByUser: getAttractedBy,
    AttractedByUser: getAttractedBy,
    attractedByChannel: attractedByChannel
  },
  topList: { get: function (count) { return getTopList().get().slice(0, count || TOP_LIST_SIZE); }, clear: function () {
    Bot.deleteProp(PREFIX + 'topList');
  } }
});
