;; The Euler loop of ParticleSimulator.evolve in WebAssembly with 128-bit SIMD: one f64x2
;; lane pair holds two particles. The particles live in the imported memory as a struct of
;; arrays (x, y, angVel: one f64 array each, 16-byte aligned, an even count).
;;
;; Same arithmetic, in the same order, as evolve: per particle and step
;;   norm = sqrt(x*x + y*y); x' = x + (timestep*angVel) * (-y/norm); y' = y + (timestep*angVel) * (x/norm)
;; Every operation here (add, mul, div, sqrt, neg) is IEEE 754 correctly rounded in f64x2 as in
;; scalar f64, and nothing is fused or reassociated, so the positions equal evolve's bit for bit.
;;
;; Particles are independent, so the steps may run in any order across particles: the set is
;; advanced in blocks of 512 particles (12 KiB, in L1 cache), each block taking all its steps
;; before the next, so a large set streams through memory once per call instead of once per step.
;;
;; scripts/build-wasm.mjs assembles this file twice: as written (own memory, for the wasm engine)
;; and with the import marked `shared` (one SharedArrayBuffer for the workers engine).
(module
  (import "env" "memory" (memory 1 65536))

  ;; Advances `count` particles (even, from byte offsets x, y, v) by `steps` Euler steps.
  (func (export "evolve")
    (param $x i32) (param $y i32) (param $v i32) (param $count i32) (param $steps i32)
    (param $timestep f64)
    (local $start i32) (local $end i32) (local $stop i32)
    (local.set $stop (i32.shl (local.get $count) (i32.const 3)))
    (local.set $start (i32.const 0))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $start) (local.get $stop)))
        (local.set $end (i32.add (local.get $start) (i32.const 4096)))
        (if (i32.gt_u (local.get $end) (local.get $stop))
          (then (local.set $end (local.get $stop))))
        (call $block
          (i32.add (local.get $x) (local.get $start))
          (i32.add (local.get $y) (local.get $start))
          (i32.add (local.get $v) (local.get $start))
          (i32.sub (local.get $end) (local.get $start))
          (local.get $steps) (local.get $timestep))
        (local.set $start (local.get $end))
        (br $blocks))))

  ;; All `steps` steps of one block of `bytes` bytes (a multiple of 16, > 0) of each array. A
  ;; function of its own, so that V8 tiers it up to optimised code while a long call runs.
  (func $block
    (param $x i32) (param $y i32) (param $v i32) (param $bytes i32) (param $steps i32)
    (param $timestep f64)
    (local $i i32) (local $px v128) (local $py v128) (local $k v128) (local $norm v128)
    (local $dt v128)
    (local.set $dt (f64x2.splat (local.get $timestep)))
    (block $done
      (loop $steps
        (br_if $done (i32.eqz (local.get $steps)))
        (local.set $i (i32.const 0))
        (loop $pairs
          (local.set $px (v128.load (i32.add (local.get $x) (local.get $i))))
          (local.set $py (v128.load (i32.add (local.get $y) (local.get $i))))
          (local.set $k (f64x2.mul (local.get $dt)
            (v128.load (i32.add (local.get $v) (local.get $i)))))
          (local.set $norm (f64x2.sqrt (f64x2.add
            (f64x2.mul (local.get $px) (local.get $px))
            (f64x2.mul (local.get $py) (local.get $py)))))
          (v128.store (i32.add (local.get $x) (local.get $i))
            (f64x2.add (local.get $px)
              (f64x2.mul (local.get $k) (f64x2.div (f64x2.neg (local.get $py)) (local.get $norm)))))
          (v128.store (i32.add (local.get $y) (local.get $i))
            (f64x2.add (local.get $py)
              (f64x2.mul (local.get $k) (f64x2.div (local.get $px) (local.get $norm)))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br_if $pairs (i32.lt_u (local.get $i) (local.get $bytes))))
        (local.set $steps (i32.sub (local.get $steps) (i32.const 1)))
        (br $steps)))))
