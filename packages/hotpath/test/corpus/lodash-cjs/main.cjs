// A lodash-heavy CommonJS script: build a deterministic order book, then group, sort, merge
// and summarise it the way a reporting script would.
'use strict';
const _ = require('lodash');

function makeOrders(count) {
  const regions = ['north', 'south', 'east', 'west'];
  const orders = [];
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < count; i++) {
    orders.push({
      id: `o${i}`,
      region: regions[i % regions.length],
      customer: `c${Math.floor(next() * 500)}`,
      items: _.times(1 + (i % 5), (k) => ({ sku: `s${(i * 7 + k) % 97}`, qty: 1 + (k % 3), price: Math.round(next() * 10000) / 100 })),
      tags: { priority: i % 7 === 0, channel: i % 2 ? 'web' : 'store' },
    });
  }
  return orders;
}

function orderTotal(order) {
  return _.sumBy(order.items, (item) => item.qty * item.price);
}

function summarize(orders) {
  const byRegion = _.groupBy(orders, 'region');
  return _.mapValues(byRegion, (list) => {
    const totals = _.map(list, orderTotal);
    const customers = _.uniq(_.map(list, 'customer'));
    const top = _.take(_.orderBy(list, [orderTotal, 'id'], ['desc', 'asc']), 3).map((o) => o.id);
    return { orders: list.length, customers: customers.length, revenue: _.round(_.sum(totals), 2), top };
  });
}

function mergeSnapshots(orders) {
  let state = {};
  for (const chunk of _.chunk(orders, 250)) {
    const snapshot = _.cloneDeep(_.keyBy(chunk, 'id'));
    state = _.merge(state, _.pick(snapshot, _.keys(snapshot).slice(0, 50)));
  }
  return _.size(state);
}

const orders = makeOrders(10000);
const summary = summarize(orders);
for (const region of _.sortBy(_.keys(summary))) {
  const s = summary[region];
  console.log(`${region}: ${s.orders} orders, ${s.customers} customers, revenue ${s.revenue.toFixed(2)}, top ${s.top.join(',')}`);
}
console.log(`merged ${mergeSnapshots(orders)} orders`);
