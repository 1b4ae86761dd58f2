import { editionSuite } from './edition.js';

editionSuite('es');
