import { editionSuite } from './edition.js';

editionSuite('de');
