import { editionSuite } from './edition.js';

editionSuite('nl');
