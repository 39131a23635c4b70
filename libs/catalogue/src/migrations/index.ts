import { CreateCatalogue1795680100000 } from './1795680100000-create-catalogue';

export const catalogueMigrations = [CreateCatalogue1795680100000];
