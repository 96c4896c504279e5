'use strict';
const multer = require('multer');
const { PutObjectCommand, S3Client } = require('@aws-sdk/client-s3');
const config = require('./config');

// Files are held in memory only long enough to be sent to object storage, never written to the instance's disk.
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 5 * 1024 * 1024 } });
const s3 = new S3Client({ region: config.awsRegion });

async function storeAttachment(noteId, file) {
  const key = `notes/${noteId}/${Date.now()}-${file.originalname}`;
  await s3.send(new PutObjectCommand({ Bucket: config.uploadBucket, Key: key, Body: file.buffer, ContentType: file.mimetype }));
  return key;
}

module.exports = { upload, storeAttachment };
