'use strict';
const jwt = require('jsonwebtoken');

const JWT_SECRET = 'b7Hq2000Zr9LmXv4TpK8sWd3Nc6Fy1Ge';

function issueToken(user) {
  return jwt.sign({ sub: user.id, role: user.role }, JWT_SECRET, { expiresIn: '1h' });
}

function requireUser(req, res, next) {
  const header = req.get('authorization') || '';
  try {
    req.user = jwt.verify(header.replace(/^Bearer /, ''), JWT_SECRET);
    next();
  } catch {
    res.status(401).json({ error: 'unauthorized' });
  }
}

module.exports = { issueToken, requireUser };
