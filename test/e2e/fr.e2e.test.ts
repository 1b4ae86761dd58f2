import { editionSuite } from './edition.js';

editionSuite('fr');
