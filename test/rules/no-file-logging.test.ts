import rule from '../../server/src/rules/no-file-logging';
import { CLEAN_APPS } from '../support/cleanApps';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    // Whole files of a twelve-factor-clean app.
    ...CLEAN_APPS,
    // Logging to stdout/stderr in every library's words.
    "const winston = require('winston');\nconst logger = winston.createLogger({ transports: [new winston.transports.Console()] });",
    "const pino = require('pino');\nconst logger = pino(pino.destination(1));\nconst errors = pino(pino.destination({ dest: 2, sync: false }));",
    "import pino from 'pino';\nconst logger = pino(pino.destination());",
    "import pino from 'pino';\nconst logger = pino(pino.destination('/dev/stdout'));",
    "const logger = pino({ transport: { target: 'pino/file', options: { destination: 1 } } });",
    "const logger = pino({ transport: { target: 'pino-pretty' } });",
    "const pino = require('pino');\nconst logger = pino(pino.destination(process.env.LOG_DESTINATION));",
    "const bunyan = require('bunyan');\nconst log = bunyan.createLogger({ name: 'app', streams: [{ stream: process.stdout }] });",
    "const log4js = require('log4js');\nlog4js.configure({ appenders: { out: { type: 'stdout' } }, categories: { default: { appenders: ['out'], level: 'info' } } });",
    // A debug log file added only outside production.
    "if (process.env.NODE_ENV !== 'production') {\n  logger.add(new winston.transports.File({ filename: 'debug.log' }));\n}",
    { code: "import logging\nif app.debug:\n    app.logger.addHandler(logging.FileHandler('debug.log'))\n", language: 'python' },
    // Files that are not logs; a `path` or `type: 'file'` outside any logger config.
    "const fs = require('fs');\nfs.appendFileSync('data/users.csv', line);\nconst out = fs.createWriteStream(path.join(dir, 'report.pdf'));",
    "const fs = require('fs');\nfs.createWriteStream(process.env.LOG_FILE || '/dev/stdout');",
    "const upload = { type: 'file', path: '/uploads' };",
    "const route = { path: '/logs', handler };",
    'const appenders = { main: { type: "file" } };',
    // Unfinished code while typing: no crash, no finding.
    "const pino = require('pino');\nconst logger = pino(pino.destination(",
    { code: 'logging.basicConfig(filename=\n', language: 'python' },
    { code: "LOGGING = {'class': \n", language: 'python' },
    // A local `appendFile` that is not fs's.
    "function appendFile(name, text) {}\nappendFile('app.log', 'x');",
    // Python: StreamHandler, stdout, configs without file handlers, env-chosen files.
    { code: 'import logging, sys\nhandler = logging.StreamHandler(sys.stdout)\nlogging.basicConfig(level=logging.INFO, stream=sys.stdout)\n', language: 'python' },
    { code: "import logging\nlogging.basicConfig(filename=os.environ.get('LOG_FILE'))\n", language: 'python' },
    { code: "import logging\nLOG_FILE = os.getenv('LOG_FILE')\nlogging.basicConfig(filename=LOG_FILE, level='INFO')\n", language: 'python' },
    // File handlers whose file comes from the environment: the operator chooses (and can choose /dev/stdout).
    { code: "import logging, os\ndef setup():\n    log_file = os.environ.get('LOG_FILE')\n    if log_file:\n        logging.getLogger('audit').addHandler(logging.FileHandler(log_file))\n", language: 'python' },
    { code: "import os\nfrom logging.handlers import RotatingFileHandler\nhandler = RotatingFileHandler(filename=os.environ['LOG_PATH'], maxBytes=1000)\n", language: 'python' },
    { code: "LOGGING = {'handlers': {'console': {'class': 'logging.StreamHandler'}}}\n", language: 'python' },
    { code: 'class FileHandler:\n    pass\nh = FileHandler()\n', language: 'python' },
    { code: 'from tornado.web import StaticFileHandler\nh = StaticFileHandler(app, request)\n', language: 'python' },
    { code: 'from loguru import logger\nlogger.add(sys.stderr, level="INFO")\n', language: 'python' },
    { code: 'cache.add("app.log", value)\n', language: 'python' },
  ],
  invalid: [
    {
      name: 'winston File transport, alone: becomes a Console transport',
      code: "const winston = require('winston');\nconst logger = winston.createLogger({ transports: [new winston.transports.File({ filename: 'app.log' })] });",
      errors: [{ messageId: 'logFile', line: 2, column: 52, message: "winston's winston.transports.File transport" }],
      output: "const winston = require('winston');\nconst logger = winston.createLogger({ transports: [new winston.transports.Console()] });",
    },
    {
      name: 'beside a Console transport: the file transports are removed, line by line',
      code: "import { createLogger, transports } from 'winston';\nconst logger = createLogger({\n  transports: [\n    new transports.Console(),\n    new transports.File({ filename: 'error.log', level: 'error' }),\n    new transports.File({ filename: 'combined.log' })\n  ],\n});",
      language: 'ts',
      errors: [{ messageId: 'logFile', line: 5, column: 5 }, { messageId: 'logFile', line: 6, column: 5 }],
      output: "import { createLogger, transports } from 'winston';\nconst logger = createLogger({\n  transports: [\n    new transports.Console(),\n  ],\n});",
    },
    {
      name: 'on one line beside a Console transport',
      code: "const t = [new winston.transports.File({ filename: 'a.log' }), new winston.transports.Console()];",
      errors: [{ messageId: 'logFile', line: 1, column: 12 }],
      output: 'const t = [new winston.transports.Console()];',
    },
    {
      code: "logger.add(new winston.transports.File({ filename: 'app.log' }));",
      errors: [{ messageId: 'logFile', line: 1, column: 12 }],
      output: 'logger.add(new winston.transports.Console());',
    },
    {
      name: 'DailyRotateFile, imported or registered on winston.transports: no fix',
      code: "const DailyRotateFile = require('winston-daily-rotate-file');\nconst a = new DailyRotateFile({ filename: 'app-%DATE%.log' });\nconst b = new winston.transports.DailyRotateFile({ filename: 'x.log' });",
      errors: [{ messageId: 'logFile', line: 2, column: 11 }, { messageId: 'logFile', line: 3, column: 11 }],
    },
    {
      code: "const pino = require('pino');\nconst logger = pino(pino.destination('./logs/app.log'));\nconst other = pino(pino.destination({ dest: path.join(__dirname, 'app.log'), sync: false }));",
      errors: [{ messageId: 'logFile', line: 2, column: 21, message: 'pino.destination() writes logs to a file' }, { messageId: 'logFile', line: 3, column: 20 }],
    },
    {
      name: 'pino/file transport with a file destination, pino-roll',
      code: "const logger = pino({ transport: { targets: [{ target: 'pino/file', options: { destination: `${dir}/app.log` } }, { target: 'pino-roll', options: { file: 'app' } }] } });",
      errors: [{ messageId: 'logFile', line: 1, column: 56 }, { messageId: 'logFile', line: 1, column: 125 }],
    },
    {
      code: "const bunyan = require('bunyan');\nconst log = bunyan.createLogger({ name: 'app', streams: [{ level: 'info', stream: process.stdout }, { level: 'error', path: '/var/log/app-error.log' }] });\nlog.addStream({ path: 'more.log' });\nconst r = { type: 'rotating-file', path: 'r.log', period: '1d' };",
      errors: [{ messageId: 'logFile', line: 2, column: 125 }, { messageId: 'logFile', line: 3, column: 23 }, { messageId: 'logFile', line: 4, column: 42 }],
    },
    {
      code: "const log4js = require('log4js');\nlog4js.configure({\n  appenders: { out: { type: 'stdout' }, app: { type: 'file', filename: 'app.log' }, daily: { type: 'dateFile', filename: 'd.log' } },\n  categories: { default: { appenders: ['out', 'app'], level: 'info' } },\n});",
      errors: [{ messageId: 'logFile', line: 3, column: 54 }, { messageId: 'logFile', line: 3, column: 100 }],
    },
    {
      name: 'fs writes whose path looks like a log file',
      code: "const fs = require('fs');\nconst path = require('path');\nconst LOG = path.join(__dirname, 'logs', 'access.txt');\nfs.appendFileSync(LOG, line);\nconst stream = fs.createWriteStream(path.join(__dirname, 'access.log'), { flags: 'a' });\nawait fs.promises.appendFile(`${dir}/server.log`, msg);",
      errors: [{ messageId: 'logFile', line: 4, column: 1 }, { messageId: 'logFile', line: 5, column: 16 }, { messageId: 'logFile', line: 6, column: 7 }],
    },
    {
      name: 'rotating file streams for morgan',
      code: "const rfs = require('rotating-file-stream');\nconst FileStreamRotator = require('file-stream-rotator');\nconst a = rfs.createStream('access.log', { interval: '1d' });\nconst b = FileStreamRotator.getStream({ filename: 'access-%DATE%.log' });",
      errors: [{ messageId: 'logFile', line: 3, column: 11 }, { messageId: 'logFile', line: 4, column: 11 }],
    },
    {
      code: "import { appendFile } from 'node:fs/promises';\nawait appendFile('/var/log/app/events.txt', line);",
      language: 'ts',
      errors: [{ messageId: 'logFile', line: 2, column: 7 }],
    },
    // Python
    {
      code: "import logging\nfrom logging.handlers import RotatingFileHandler, TimedRotatingFileHandler as Timed\nh1 = logging.FileHandler('app.log')\nh2 = RotatingFileHandler('app.log', maxBytes=10_000)\nh3 = Timed('app.log', when='midnight')\nh4 = logging.handlers.WatchedFileHandler('/var/log/app.log')\n",
      language: 'python',
      errors: [
        { messageId: 'logFile', line: 3, column: 6, message: "logging's FileHandler" },
        { messageId: 'logFile', line: 4, column: 6 },
        { messageId: 'logFile', line: 5, column: 6, message: 'TimedRotatingFileHandler' },
        { messageId: 'logFile', line: 6, column: 6 },
      ],
    },
    {
      name: 'a handler file under a directory of the code (not from the environment)',
      code: "import logging, os\nLOG_DIR = os.path.join(os.path.dirname(__file__), 'logs')\nhandler = logging.FileHandler(os.path.join(LOG_DIR, 'importer.log'))\n",
      language: 'python',
      errors: [{ messageId: 'logFile', line: 3, column: 11 }],
    },
    {
      name: 'the production-only branch of the Flask tutorial',
      code: "from logging.handlers import RotatingFileHandler\nif not app.debug:\n    file_handler = RotatingFileHandler('logs/microblog.log', maxBytes=10240, backupCount=10)\nelse:\n    pass\n",
      language: 'python',
      errors: [{ messageId: 'logFile', line: 3, column: 20 }],
    },
    {
      name: 'basicConfig(filename=…) becomes stream=sys.stdout, filemode goes, import sys is added',
      code: "import logging\nlogging.basicConfig(filename='app.log', filemode='a', level=logging.INFO)\n",
      language: 'python',
      errors: [{ messageId: 'logFile', line: 2, column: 21 }],
      output: 'import logging\nimport sys\nlogging.basicConfig(stream=sys.stdout, level=logging.INFO)\n',
    },
    {
      code: "import sys\nfrom logging import basicConfig\nbasicConfig(level='INFO', filemode='w', filename=LOG_PATH)\n",
      language: 'python',
      errors: [{ messageId: 'logFile', line: 3, column: 41 }],
      output: "import sys\nfrom logging import basicConfig\nbasicConfig(level='INFO', stream=sys.stdout)\n",
    },
    {
      name: 'dictConfig and Django LOGGING',
      code: "LOGGING = {\n    'version': 1,\n    'handlers': {\n        'file': {'class': 'logging.handlers.RotatingFileHandler', 'filename': 'app.log'},\n        'console': {'class': 'logging.StreamHandler'},\n    },\n}\n",
      language: 'python',
      errors: [{ messageId: 'logFile', line: 4, column: 27, message: 'logging.handlers.RotatingFileHandler' }],
    },
    {
      code: 'from loguru import logger\nlogger.add("logs/app_{time}.log", rotation="500 MB")\nlogger.add(sink=Path("logs") / "x.log")\nlogger.add(sink=os.path.join(LOG_DIR, "y.log"))\n',
      language: 'python',
      errors: [{ messageId: 'logFile', line: 2, column: 12 }, { messageId: 'logFile', line: 3, column: 17 }, { messageId: 'logFile', line: 4, column: 17 }],
    },
  ],
});
