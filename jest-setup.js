// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

// jsdom has no IntersectionObserver or ResizeObserver; scenes and @grafana/ui need them to exist.
class IntersectionObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}
global.IntersectionObserver = global.IntersectionObserver || IntersectionObserverStub;
global.ResizeObserver = global.ResizeObserver || IntersectionObserverStub;
