module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'app-dashboard',
  rootDir: __dirname,
};
