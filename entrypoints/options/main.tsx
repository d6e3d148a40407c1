import { render } from 'preact';
import { OptionsApp } from '@/components/options/OptionsApp';
import { openDatabase } from '@/lib/storage/database';
import './options.css';

const root = document.getElementById('app');
if (root) {
  openDatabase().then(
    (db) => render(<OptionsApp db={db} />, root),
    (error: Error) => {
      root.textContent = `Incident Actions could not open its database: ${error.message}`;
    },
  );
}
