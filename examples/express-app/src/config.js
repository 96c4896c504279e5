'use strict';

// One block of settings per deploy, selected by NODE_ENV.
const config = {
  development: {
    apiUrl: 'http://localhost:8080',
    smtpHost: 'localhost',
    bucket: 'shop-dev-uploads',
  },
  staging: {
    apiUrl: 'https://api.staging.shop.example.com',
    smtpHost: 'smtp.staging.shop.internal',
    bucket: 'shop-staging-uploads',
  },
  production: {
    apiUrl: 'https://api.shop.example.com',
    smtpHost: 'smtp.shop.internal',
    bucket: 'shop-prod-uploads',
  },
};

module.exports = config[process.env.NODE_ENV || 'development'];
