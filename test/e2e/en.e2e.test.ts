import { editionSuite } from './edition.js';

editionSuite('en');
