// The live map (placeholder until the full view lands in the next commit).
export async function render(root, ctx) {
  const el = document.createElement('div');
  root.append(el);
  const map = ctx.maps.create(el);
  return () => map.remove();
}
