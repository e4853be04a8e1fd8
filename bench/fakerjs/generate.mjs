// Names and address parts from @faker-js/faker, one JSON object a line, for
// bench/bench_pii_fakerjs.py. faker-js keeps its own locale data (street names, street
// types, postcode shapes), written apart from Python's Faker, which the other PII pools use.
//
//     node generate.mjs SEED COUNT LOCALE [LOCALE ...]
import * as faker from '@faker-js/faker';

const [seed, count, ...locales] = process.argv.slice(2);

// Where a locale has no data of its own for a part, faker-js throws; that part is left out.
function attempt(make) {
  try {
    return make();
  } catch {
    return null;
  }
}

for (const locale of locales) {
  const key = Object.keys(faker).find(
    (name) => name.replaceAll('_', '').toLowerCase() === `faker${locale.replaceAll('_', '')}`.toLowerCase(),
  );
  if (!key) {
    console.error(`unknown faker-js locale: ${locale}`);
    process.exit(2);
  }
  const fake = faker[key];
  fake.seed(Number(seed));
  for (let i = 0; i < Number(count); i += 1) {
    console.log(JSON.stringify({
      locale,
      person: attempt(() => fake.person.fullName()),
      street: attempt(() => fake.location.streetAddress(false)),
      street_unit: attempt(() => fake.location.streetAddress(true)),
      postcode: attempt(() => fake.location.zipCode()),
      city: attempt(() => fake.location.city()),
    }));
  }
}
