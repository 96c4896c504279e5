/**
 * Issue 13, item 6: a fix that needs `import os` put it above `from __future__ import …` (tree-sitter's
 * `future_import_statement`, not an `import_from_statement`), and Python refuses a file whose future imports are not
 * first. The import now goes after the future imports, whatever else the file starts with.
 */
import secret from '../../server/src/rules/no-hardcoded-secret';
import port from '../../server/src/rules/no-hardcoded-port';
import { runRuleTests } from '../support/ruleTester';

const SECRET = 'SECRET_KEY = "Zq8vR2mLx7Tn4Kp1Wc9Yb3Hd"\n';
const FIXED = 'SECRET_KEY = os.environ["SECRET_KEY"]\n';

runRuleTests(secret, {
  valid: [],
  invalid: [
    { name: 'future import only', language: 'python', code: `from __future__ import annotations\n${SECRET}`, errors: [{ messageId: 'hardcodedSecret' }], output: `from __future__ import annotations\nimport os\n${FIXED}` },
    {
      name: 'two future imports',
      language: 'python',
      code: `from __future__ import annotations\nfrom __future__ import division\n\n${SECRET}`,
      errors: [{ messageId: 'hardcodedSecret' }],
      output: `from __future__ import annotations\nfrom __future__ import division\nimport os\n\n${FIXED}`,
    },
    {
      name: 'docstring, then future import',
      language: 'python',
      code: `"""Settings."""\nfrom __future__ import annotations\n${SECRET}`,
      errors: [{ messageId: 'hardcodedSecret' }],
      output: `"""Settings."""\nfrom __future__ import annotations\nimport os\n${FIXED}`,
    },
    {
      name: 'shebang and parenthesised future import',
      language: 'python',
      code: `#!/usr/bin/env python\nfrom __future__ import (absolute_import,\n    print_function)\n${SECRET}`,
      errors: [{ messageId: 'hardcodedSecret' }],
      output: `#!/usr/bin/env python\nfrom __future__ import (absolute_import,\n    print_function)\nimport os\n${FIXED}`,
    },
    {
      name: 'future import, comment, then code',
      language: 'python',
      code: `from __future__ import annotations  # PEP 563\n# settings\n${SECRET}`,
      errors: [{ messageId: 'hardcodedSecret' }],
      output: `from __future__ import annotations  # PEP 563\nimport os\n# settings\n${FIXED}`,
    },
  ],
});

runRuleTests(port, {
  valid: [],
  invalid: [
    {
      name: 'future import, port fix',
      language: 'python',
      code: 'from __future__ import annotations\nfrom flask import Flask\napp = Flask(__name__)\napp.run(port=5000)\n',
      errors: [{ messageId: 'hardcodedPort' }],
      output: 'from __future__ import annotations\nfrom flask import Flask\nimport os\napp = Flask(__name__)\napp.run(port=int(os.environ.get("PORT", "5000")))\n',
    },
  ],
});
