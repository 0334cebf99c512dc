// Libs.MembershipChecker as Bots.Business documents it (help "Check channel membership"): setup() defines its Admin
// Panel (the chats to join, the checking delay in minutes, the callback commands); check() asks Telegram
// (getChatMember) about each chat, and the answers run the callbacks: onNeedJoining / onNeedAllJoining,
// onJoining / onAllJoining, onStillJoined, onError, each with options {chat_id, result}. isMember(), getChats() and
// getNotJoinedChats() read the state the last answers left (the user's property MembershipChecker_state).
var PREFIX = 'membershipchecker';
var PANEL = 'MembershipChecker';
var STATE = 'MembershipChecker_state';
var JOINED = ['member', 'administrator', 'creator'];
var THROTTLE_MS = 2000;

function setup() {
  AdminPanel.setPanel({
    panel_name: PANEL,
    data: {
      title: 'Membership checker options',
      description: 'Chats and channels a user must join, and the commands run on their answers',
      index: 0,
      icon: 'person-add',
      button_title: 'SAVE',
      fields: [
        { name: 'chats', title: 'Chats or channels for checking', description: 'separated by commas: @channel, @chat',
          type: 'string', placeholder: '@myChannel, @myChat' },
        { name: 'checkingDelay', title: 'Checking delay in minutes', description: 'handle() checks again after it',
          type: 'integer', placeholder: '10', value: 10 },
        { name: 'onNeedJoining', title: 'onNeedJoining command', type: 'string', placeholder: '/onNeedJoining' },
        { name: 'onNeedAllJoining', title: 'onNeedAllJoining command', type: 'string', placeholder: '/onNeedAllJoining' },
        { name: 'onJoining', title: 'onJoining command', type: 'string', placeholder: '/onJoining' },
        { name: 'onAllJoining', title: 'onAllJoining command', type: 'string', placeholder: '/onAllJoining' },
        { name: 'onStillJoined', title: 'onStillJoined command', type: 'string', placeholder: '/onStillJoined' },
        { name: 'onError', title: 'onError command', type: 'string', placeholder: '/onCheckError' }
      ]
    }
  });
}

function option(name) {
  return AdminPanel.getFieldValue({ panel_name: PANEL, field_name: name });
}

function chatList() {
  var chats = option('chats');
  if (!chats) { return []; }
  return String(chats).split(',').map(function (chat) { return chat.trim(); })
    .filter(function (chat) { return chat !== ''; });
}

function getChats() {
  return chatList().join(', ');
}

function state() {
  var saved = User.getProperty(STATE);
  return saved && typeof saved === 'object' ? saved : { chats: {} };
}

function save(current) {
  User.setProperty(STATE, current, 'json');
}

function requireUser(functionName) {
  if (!user) { throw new Error('MembershipChecker.' + functionName + ' needs a user'); }
}

function isJoined(status) {
  return JOINED.indexOf(status) >= 0;
}

function isMember(chatId) {
  if (!user) { return false; }
  var chats = state().chats;
  if (chatId) { return isJoined(chats[chatId]); }
  var all = chatList();
  return all.length > 0 && all.every(function (chat) { return isJoined(chats[chat]); });
}

function getNotJoinedChats() {
  var chats = user ? state().chats : {};
  return chatList().filter(function (chat) { return !isJoined(chats[chat]); }).join(', ');
}

function check() {
  requireUser('check');
  var chats = chatList();
  if (chats.length === 0) {
    throw new Error('MembershipChecker: no chats to check; run Libs.MembershipChecker.setup() and fill its Admin Panel');
  }
  var current = state();
  var now = Date.now();
  // BB's lib throttles checks: one every two seconds per user.
  if (current.checking_at && now - current.checking_at < THROTTLE_MS) { return; }
  current.checking_at = now;
  current.checked_at = now;
  save(current);
  chats.forEach(function (chat) {
    Api.getChatMember({
      chat_id: chat, user_id: user.telegramid,
      on_result: PREFIX + 'OnResult ' + chat, on_error: PREFIX + 'OnError ' + chat
    });
  });
}

// For an incoming command: checks again once the checking delay has passed since the last check. As in BB's lib,
// a user never checked is not checked here: a first explicit check() starts it.
function handle() {
  if (!user) { return; }
  var current = state();
  if (!current.checked_at) { return; }
  var delayMinutes = Number(option('checkingDelay')) || 10;
  if (Date.now() - current.checked_at >= delayMinutes * 60 * 1000) { check(); }
}

function callback(name, details) {
  var command = option(name);
  if (command) { Bot.runCommand(String(command), details); }
}

function onResult() {
  var chat = params;
  var status = options && options.result ? options.result.status : undefined;
  var current = state();
  var before = current.chats[chat];
  current.chats[chat] = status;
  save(current);
  var details = { chat_id: chat, result: options ? options.result : undefined };
  var chats = chatList();
  if (!isJoined(status)) {
    callback('onNeedJoining', details);
    if (chats.every(function (other) { return current.chats[other] !== undefined && !isJoined(current.chats[other]); })) {
      callback('onNeedAllJoining', details);
    }
    return;
  }
  if (isJoined(before)) {
    callback('onStillJoined', details);
    return;
  }
  callback('onJoining', details);
  if (chats.every(function (other) { return isJoined(current.chats[other]); })) {
    callback('onAllJoining', details);
  }
}

function onError() {
  callback('onError', { chat_id: params, error: options });
}

on(PREFIX + 'OnResult', onResult);
on(PREFIX + 'OnError', onError);

publish({
  setup: setup, check: check, handle: handle, isMember: isMember, getChats: getChats,
  getNotJoinedChats: getNotJoinedChats
});
