/** Stand-in for fast-glob (see unreached.js). */
'use strict';
module.exports = require('./unreached').unreached('fast-glob');
