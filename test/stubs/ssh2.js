/** Stand-in for ssh2 (see unreached.js). */
'use strict';
module.exports = require('./unreached').unreached('ssh2');
