module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'kafka',
  rootDir: __dirname,
};
