/** Stand-in for langsmith (see unreached.js). */
'use strict';
module.exports = require('./unreached').unreached('langsmith');
