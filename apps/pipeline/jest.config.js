module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'app-pipeline',
  rootDir: __dirname,
};
