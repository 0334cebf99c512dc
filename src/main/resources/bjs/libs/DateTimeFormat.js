// Libs.DateTimeFormat.format(date, mask, utc) as Bots.Business documents it (Steven Levithan's Date Format masks):
// d dd ddd dddd, m mm mmm mmmm, yy yyyy, h hh H HH, M MM, s ss, l L, t tt T TT, Z, o, S, 'literal' or "literal",
// a "UTC:" prefix, and the named masks (default, shortDate, isoDateTime, ...). The date defaults to now; a string or
// a number is read as new Date(x) reads it. Local time is the server's time zone (UTC unless configured).
var MASKS = {
  'default': 'ddd mmm dd yyyy HH:MM:ss',
  shortDate: 'm/d/yy',
  mediumDate: 'mmm d, yyyy',
  longDate: 'mmmm d, yyyy',
  fullDate: 'dddd, mmmm d, yyyy',
  shortTime: 'h:MM TT',
  mediumTime: 'h:MM:ss TT',
  longTime: 'h:MM:ss TT Z',
  isoDate: 'yyyy-mm-dd',
  isoTime: 'HH:MM:ss',
  isoDateTime: "yyyy-mm-dd'T'HH:MM:ss",
  isoUtcDateTime: "UTC:yyyy-mm-dd'T'HH:MM:ss'Z'"
};
var DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat',
  'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec',
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November',
  'December'];
// Longest tokens first, so that "dddd" is one token and not four "d".
var TOKEN = /dddd|ddd|dd|d|mmmm|mmm|mm|m|yyyy|yy|hh|h|HH|H|MM|M|ss|s|l|L|TT|T|tt|t|Z|o|S|"[^"]*"|'[^']*'/g;

function pad(value, length) {
  var text = String(value);
  while (text.length < (length || 2)) { text = '0' + text; }
  return text;
}

function format(date, mask, utc) {
  // format("isoDate") formats now, as the original accepts a mask alone.
  if (arguments.length === 1 && typeof date === 'string' && !/\d/.test(date)) {
    mask = date;
    date = undefined;
  }
  date = date === undefined || date === null || date === '' ? new Date() : new Date(date);
  if (isNaN(date.getTime())) { throw new SyntaxError('invalid date'); }
  mask = String(MASKS[mask] || mask || MASKS['default']);
  if (mask.slice(0, 4) === 'UTC:') {
    mask = mask.slice(4);
    utc = true;
  }
  var get = utc ? 'getUTC' : 'get';
  var d = date[get + 'Date'](), day = date[get + 'Day'](), m = date[get + 'Month'](), y = date[get + 'FullYear']();
  var H = date[get + 'Hours'](), M = date[get + 'Minutes'](), s = date[get + 'Seconds'](), L = date[get + 'Milliseconds']();
  var offset = utc ? 0 : date.getTimezoneOffset();
  var abs = Math.abs(offset);
  var flags = {
    d: d, dd: pad(d), ddd: DAYS[day], dddd: DAYS[day + 7],
    m: m + 1, mm: pad(m + 1), mmm: MONTHS[m], mmmm: MONTHS[m + 12],
    yy: String(y).slice(2), yyyy: y,
    h: H % 12 || 12, hh: pad(H % 12 || 12), H: H, HH: pad(H),
    M: M, MM: pad(M), s: s, ss: pad(s),
    l: pad(L, 3), L: pad(L > 99 ? Math.round(L / 10) : L),
    t: H < 12 ? 'a' : 'p', tt: H < 12 ? 'am' : 'pm', T: H < 12 ? 'A' : 'P', TT: H < 12 ? 'AM' : 'PM',
    Z: utc || offset === 0 ? 'UTC' : 'GMT' + (offset > 0 ? '-' : '+') + pad(Math.floor(abs / 60) * 100 + abs % 60, 4),
    o: (offset > 0 ? '-' : '+') + pad(Math.floor(abs / 60) * 100 + abs % 60, 4),
    S: ['th', 'st', 'nd', 'rd'][d % 10 > 3 ? 0 : (d % 100 - d % 10 !== 10) * d % 10]
  };
  return mask.replace(TOKEN, function (token) {
    return Object.prototype.hasOwnProperty.call(flags, token) ? flags[token] : token.slice(1, token.length - 1);
  });
}

publish({ format: format, masks: MASKS });
