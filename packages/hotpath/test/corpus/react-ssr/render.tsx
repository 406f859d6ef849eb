// A React server render from .tsx: a product catalogue page (components, props, lists, keys,
// context) rendered to HTML with react-dom/server 25 times, as a server answering requests would.
import { createContext, useContext, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';

interface Product {
  id: number;
  name: string;
  price: number;
  stock: number;
  tags: string[];
}

const Currency = createContext<{ symbol: string; rate: number }>({ symbol: '$', rate: 1 });

function Price({ amount }: { amount: number }) {
  const { symbol, rate } = useContext(Currency);
  return <span className="price">{symbol}{(amount * rate).toFixed(2)}</span>;
}

function Tag({ label }: { label: string }) {
  return <li className={`tag tag-${label}`}>{label}</li>;
}

function ProductRow({ product }: { product: Product }) {
  const low = product.stock < 5;
  return (
    <tr className={low ? 'row low' : 'row'} data-id={product.id}>
      <td>{product.name}</td>
      <td><Price amount={product.price} /></td>
      <td>{low ? <strong>only {product.stock} left</strong> : product.stock}</td>
      <td><ul>{product.tags.map((tag) => <Tag key={tag} label={tag} />)}</ul></td>
    </tr>
  );
}

function Layout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <html>
      <head><title>{title}</title></head>
      <body><h1>{title}</h1><main>{children}</main></body>
    </html>
  );
}

function CataloguePage({ products, page }: { products: Product[]; page: number }) {
  return (
    <Currency.Provider value={{ symbol: '€', rate: 0.92 }}>
      <Layout title={`Catalogue, page ${page}`}>
        <table><tbody>{products.map((p) => <ProductRow key={p.id} product={p} />)}</tbody></table>
      </Layout>
    </Currency.Provider>
  );
}

function products(page: number): Product[] {
  return Array.from({ length: 200 }, (_, i) => {
    const id = page * 200 + i;
    return { id, name: `Product ${id}`, price: 5 + ((id * 37) % 500) / 4, stock: (id * 13) % 40, tags: ['new', 'sale', 'eco', 'top'].slice(0, 1 + (id % 4)) };
  });
}

let bytes = 0;
let hash = 0;
for (let page = 0; page < 25; page++) {
  const html = renderToString(<CataloguePage products={products(page)} page={page} />);
  bytes += html.length;
  for (let i = 0; i < html.length; i += 97) hash = (hash * 31 + html.charCodeAt(i)) % 1_000_000_007;
}
console.log(`rendered 25 pages, ${bytes} bytes of HTML, hash ${hash}`);
