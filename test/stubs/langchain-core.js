/** Stand-in for @langchain/core (see unreached.js). */
'use strict';
module.exports = require('./unreached').unreached('@langchain/core');
