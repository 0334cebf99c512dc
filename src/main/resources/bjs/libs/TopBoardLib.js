// BB's TopBoardLib, a library every BB bot has (also the global TopBoardLib), from its help page "Show a leaderboard":
// addScore({boardName, value, maxCount, user, fields}) adds value to the user's score (the user's property
// getUserPropName(boardName)) and keeps the board's top maxCount entries (the bot property TopBoardLib_board_<name>);
// getBoard(name) gives them, highest first; resetBoard(name) clears the board, not the users' scores. Runs here are
// serializable over the properties they touch, so simultaneous scores are all counted.
var SCORE_PREFIX = 'TopBoardLib_';
var BOARD_PREFIX = 'TopBoardLib_board_';
var DEFAULT_BOARD = 'default';

function boardNameOf(name) {
  return name === undefined || name === null || name === '' ? DEFAULT_BOARD : String(name);
}

function getUserPropName(boardName) {
  return SCORE_PREFIX + boardNameOf(boardName);
}

function getBoard(boardName) {
  var board = Bot.getProperty(BOARD_PREFIX + boardNameOf(boardName));
  return Array.isArray(board) ? board : [];
}

function resetBoard(boardName) {
  Bot.deleteProp(BOARD_PREFIX + boardNameOf(boardName));
}

function addScore(options) {
  if (!options || typeof options !== 'object') {
    throw new TypeError('TopBoardLib.addScore expects {boardName, value, maxCount, user}');
  }
  var value = Number(options.value);
  if (!isFinite(value) || value === 0) {
    throw new TypeError('TopBoardLib.addScore: value must be a nonzero number, not ' + options.value);
  }
  var maxCount = options.maxCount === undefined ? 10 : Number(options.maxCount);
  if (!(maxCount >= 2 && maxCount <= 25) || Math.floor(maxCount) !== maxCount) {
    throw new RangeError('TopBoardLib.addScore: maxCount must be a whole number from 2 to 25');
  }
  var member = options.user || user;
  if (!member || member.id === undefined) {
    throw new Error('TopBoardLib.addScore needs a user: the current one, or options.user {id, telegramid, ...}');
  }
  var boardName = boardNameOf(options.boardName);
  var scoreName = getUserPropName(boardName);
  var score = Number(Bot.getProperty({ name: scoreName, user_id: member.id }) || 0) + value;
  Bot.setProperty({ name: scoreName, value: score, type: 'float', user_id: member.id });

  var board = getBoard(boardName);
  var entry = board.filter(function (item) { return String(item.id) === String(member.id); })[0];
  if (entry) {
    entry.value = score;
  } else {
    entry = {};
    var fields = options.fields || {};
    Object.keys(fields).forEach(function (key) { entry[key] = fields[key]; });
    entry.id = member.id;
    entry.tgId = member.telegramid;
    ['first_name', 'last_name', 'username'].forEach(function (key) {
      if (member[key] !== undefined) { entry[key] = member[key]; }
    });
    entry.value = score;
    board.push(entry);
  }
  board.sort(function (a, b) { return b.value - a.value; });
  Bot.setProperty(BOARD_PREFIX + boardName, board.slice(0, maxCount), 'json');
  return score;
}

publish({ addScore: addScore, getBoard: getBoard, resetBoard: resetBoard, getUserPropName: getUserPropName });
